package dev.triagebot.classifier.eval;

import dev.triagebot.classifier.text.IssueText;
import java.util.List;

/**
 * One record of an evaluation set: the issue text and what a maintainer said of it.
 *
 * @param id the record's id, for reporting misclassifications
 * @param text title and body, all the classifier is given
 * @param labels the labels a maintainer applied
 * @param signatures the ids of the signatures the issue truly matches
 * @param group the record's group for analysis ({@code positive}, {@code near_miss}, {@code
 *     other_mcp}, {@code unrelated}), or empty; never shown to the classifier
 */
public record LabelledIssue(
    String id, IssueText text, List<String> labels, List<String> signatures, String group) {
  public LabelledIssue {
    labels = List.copyOf(labels);
    signatures = List.copyOf(signatures);
    group = group == null ? "" : group;
  }

  public LabelledIssue(String id, IssueText text, List<String> labels, List<String> signatures) {
    this(id, text, labels, signatures, "");
  }
}
