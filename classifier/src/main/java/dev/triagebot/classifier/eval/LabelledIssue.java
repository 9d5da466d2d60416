package dev.triagebot.classifier.eval;

import dev.triagebot.classifier.match.IssueText;
import java.util.List;

/**
 * One record of an evaluation set: the issue text and what a maintainer said of it.
 *
 * @param id the record's id, for reporting misclassifications
 * @param text title and body, all the classifier is given
 * @param labels the labels a maintainer applied
 * @param signatures the ids of the signatures the issue truly matches
 */
public record LabelledIssue(
    String id, IssueText text, List<String> labels, List<String> signatures) {
  public LabelledIssue {
    labels = List.copyOf(labels);
    signatures = List.copyOf(signatures);
  }
}
