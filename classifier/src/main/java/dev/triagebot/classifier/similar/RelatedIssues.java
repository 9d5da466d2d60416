package dev.triagebot.classifier.similar;

import java.util.List;

/**
 * What the repository's history says about one issue: the issues to link and the labels to suggest,
 * ready to render into the bot's single comment.
 *
 * @param links possible duplicates, in the order to show them
 * @param labels label suggestions, strongest first
 * @param neighbours the similar issues both were derived from, best first, for the review page
 */
public record RelatedIssues(
    List<DuplicateLink> links, List<LabelSuggestion> labels, List<SimilarIssue> neighbours) {
  public RelatedIssues {
    links = List.copyOf(links);
    labels = List.copyOf(labels);
    neighbours = List.copyOf(neighbours);
  }
}
