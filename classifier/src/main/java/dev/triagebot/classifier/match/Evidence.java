package dev.triagebot.classifier.match;

/**
 * One reason a signature scored: a named signal of the catalog entry that fired in a field, with
 * the text it matched and what it added to (or, for an exclusion, took from) the score.
 *
 * @param signal the catalog name of the signal, e.g. {@code auth-completed}
 * @param kind whether the signal supports the signature, is required context, or excludes it
 * @param field {@code title} or {@code body}
 * @param matchedText the words of the issue that matched, verbatim and short
 * @param weight the contribution to the raw score (negative for exclusions)
 */
public record Evidence(String signal, Kind kind, String field, String matchedText, double weight) {

  /** How a signal bears on the signature. */
  public enum Kind {
    CONTEXT,
    SIGNAL,
    EXCLUSION
  }
}
