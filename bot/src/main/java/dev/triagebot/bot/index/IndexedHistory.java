package dev.triagebot.bot.index;

import dev.triagebot.bot.issue.IssueSnapshot;
import dev.triagebot.bot.issue.RepositoryRef;
import dev.triagebot.bot.triage.HistoryHints;
import dev.triagebot.bot.triage.IssueHistory;
import dev.triagebot.classifier.similar.FindRelatedIssues;
import dev.triagebot.classifier.similar.IssueQuery;
import dev.triagebot.classifier.similar.RelatedIssues;
import dev.triagebot.classifier.similar.SignatureCanonical;
import dev.triagebot.classifier.text.IssueText;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * {@link IssueHistory} over the repository's similar-issue index: the link policy's links and the
 * label votes of the nearest labelled issues, restricted to labels the repository has now.
 */
public final class IndexedHistory implements IssueHistory {
  private final RepositoryIndexes indexes;
  private final Function<RepositoryRef, Set<String>> repositoryLabels;

  /**
   * @param indexes the repositories' indexes
   * @param repositoryLabels the labels a repository defines now (a GitHub call); labels outside it
   *     are never suggested
   */
  public IndexedHistory(
      RepositoryIndexes indexes, Function<RepositoryRef, Set<String>> repositoryLabels) {
    this.indexes = indexes;
    this.repositoryLabels = repositoryLabels;
  }

  @Override
  public HistoryHints hints(IssueSnapshot issue, SignatureCanonical canonical) {
    Set<String> labels =
        repositoryLabels.apply(new RepositoryRef(issue.installationId(), issue.repository()));
    RelatedIssues related =
        new FindRelatedIssues(indexes.forRepository(issue.repository()))
            .find(
                IssueQuery.of(issue.number(), new IssueText(issue.title(), issue.body())),
                Optional.ofNullable(canonical),
                labels,
                issue.labels());
    return new HistoryHints(true, related.links(), related.labels());
  }
}
