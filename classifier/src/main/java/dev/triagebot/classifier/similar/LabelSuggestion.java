package dev.triagebot.classifier.similar;

import java.util.List;

/**
 * A label that similar past issues agree on; a suggestion for a maintainer, never applied.
 *
 * @param label the label, e.g. {@code area:mcp}
 * @param share the label's share of the neighbours' similarity-weighted votes, in (0,1]
 * @param voters the past issues that carry the label, most similar first
 */
public record LabelSuggestion(String label, double share, List<Integer> voters) {
  public LabelSuggestion {
    voters = List.copyOf(voters);
  }
}
