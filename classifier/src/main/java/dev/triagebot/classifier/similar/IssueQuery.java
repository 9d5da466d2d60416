package dev.triagebot.classifier.similar;

import dev.triagebot.classifier.text.IssueText;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * The issue to find similar ones for.
 *
 * @param number the issue's own number, excluded from the results; empty for text that is not an
 *     issue yet
 * @param text its title and body
 */
public record IssueQuery(OptionalInt number, IssueText text) {
  public IssueQuery {
    Objects.requireNonNull(number, "number");
    Objects.requireNonNull(text, "text");
  }

  public static IssueQuery of(int number, IssueText text) {
    return new IssueQuery(OptionalInt.of(number), text);
  }

  public static IssueQuery unnumbered(IssueText text) {
    return new IssueQuery(OptionalInt.empty(), text);
  }
}
