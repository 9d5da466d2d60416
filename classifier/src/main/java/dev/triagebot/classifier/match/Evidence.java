package dev.triagebot.classifier.match;

/**
 * One reason a signature scored: a named signal of the catalog entry that fired in a field, with
 * the text it matched and what it added to (or, for an exclusion, took from) the score.
 *
 * @param signal the catalog name of the signal, e.g. {@code auth-completed}
 * @param kind whether the signal supports the signature, is required context, or excludes it
 * @param field {@code title} or {@code body}; empty for evidence about the report as a whole (all
 *     facets shown, closeness to known reports)
 * @param matchedText the words of the issue that matched, verbatim and short
 * @param weight the contribution to the raw score (negative for exclusions)
 */
public record Evidence(String signal, Kind kind, String field, String matchedText, double weight) {

  /** Where the evidence was found, for people: the field, or the report as a whole. */
  public String where() {
    return field == null || field.isBlank() ? "report as a whole" : field;
  }

  /** How a signal bears on the signature. */
  public enum Kind {
    CONTEXT,
    SIGNAL,
    EXCLUSION
  }
}
