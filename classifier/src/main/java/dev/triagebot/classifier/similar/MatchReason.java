package dev.triagebot.classifier.similar;

import java.util.List;
import java.util.Objects;

/**
 * Why two issues look alike, in one line. The excerpt and terms are user text: {@link #oneLine()}
 * puts them in a code span (backticks removed) so that they can never mention anyone or break the
 * comment's Markdown.
 *
 * @param kind which kind of evidence
 * @param excerpt the shared line, or the signature id, or empty for shared terms
 * @param terms the strongest shared words, for {@link Kind#SHARED_TERMS}
 */
public record MatchReason(Kind kind, String excerpt, List<String> terms) {
  private static final int MAX_EXCERPT = 80;

  public MatchReason {
    Objects.requireNonNull(kind, "kind");
    excerpt = Objects.requireNonNullElse(excerpt, "");
    terms = List.copyOf(terms);
  }

  /** What the reason rests on. */
  public enum Kind {
    /** A matched catalog signature names this issue as its canonical report. */
    SIGNATURE,
    /** Both issues contain the same distinctive error or log line. */
    SAME_ERROR_TEXT,
    /** Both issues contain the same distinctive line that is not an error. */
    SAME_LINE,
    /** No shared line; these words weigh most. */
    SHARED_TERMS,
    /** The search was asked not to explain this hit (it was too weak to be shown). */
    NOT_EXPLAINED
  }

  public static MatchReason signature(String signatureId) {
    return new MatchReason(Kind.SIGNATURE, signatureId, List.of());
  }

  public static MatchReason sharedLine(boolean looksLikeError, String line) {
    return new MatchReason(looksLikeError ? Kind.SAME_ERROR_TEXT : Kind.SAME_LINE, line, List.of());
  }

  public static MatchReason notExplained() {
    return new MatchReason(Kind.NOT_EXPLAINED, "", List.of());
  }

  public static MatchReason sharedTerms(List<String> terms) {
    return new MatchReason(Kind.SHARED_TERMS, "", terms);
  }

  /** The reason as it reads in a comment, e.g. {@code same error text: `EADDRINUSE …`}. */
  public String oneLine() {
    return switch (kind) {
      case SIGNATURE -> "known issue " + code(excerpt);
      case SAME_ERROR_TEXT -> "same error text: " + code(excerpt);
      case SAME_LINE -> "same text: " + code(excerpt);
      case SHARED_TERMS ->
          "shared terms: " + String.join(", ", terms.stream().map(MatchReason::code).toList());
      case NOT_EXPLAINED -> "similar wording";
    };
  }

  private static String code(String text) {
    String flat = text.replace('`', '\'').replaceAll("\\s+", " ").strip();
    if (flat.length() > MAX_EXCERPT) {
      flat = flat.substring(0, MAX_EXCERPT - 1).strip() + "…";
    }
    return "`" + flat + "`";
  }
}
