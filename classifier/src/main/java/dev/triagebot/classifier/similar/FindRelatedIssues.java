package dev.triagebot.classifier.similar;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One search of the repository's history for one issue, turned into duplicate links and label
 * suggestions: the single call the bot makes per triaged issue.
 */
public final class FindRelatedIssues {
  // Enough hits for k labelled voters even when some neighbours carry no area label.
  private static final int NEIGHBOURS = 25;

  private final IssueIndex index;
  private final SimilarIssueSearch search;
  private final LinkPolicy links;
  private final LabelVoting labels;

  public FindRelatedIssues(IssueIndex index) {
    this(
        index,
        SimilarIssueSearch.Settings.defaults(),
        LinkPolicy.defaults(),
        LabelVoting.defaults());
  }

  public FindRelatedIssues(
      IssueIndex index,
      SimilarIssueSearch.Settings searchSettings,
      LinkPolicy links,
      LabelVoting labels) {
    this.index = index;
    this.search = new SimilarIssueSearch(index, searchSettings);
    this.links = links;
    this.labels = labels;
  }

  /**
   * Links and label suggestions for one issue.
   *
   * @param query the issue (its own number is never linked)
   * @param canonical the canonical issue of the best matched signature, if any
   * @param repositoryLabels the labels that exist in the repository now
   * @param currentLabels the labels the issue already has
   */
  public RelatedIssues find(
      IssueQuery query,
      Optional<SignatureCanonical> canonical,
      Set<String> repositoryLabels,
      Collection<String> currentLabels) {
    List<SimilarIssue> neighbours =
        search.find(
            query, Math.max(NEIGHBOURS, labels.k() + links.maxSimilar()), links.threshold());
    return new RelatedIssues(
        links.links(query.number(), canonical, neighbours, index),
        labels.suggest(query.text(), neighbours, repositoryLabels, currentLabels),
        neighbours);
  }
}
