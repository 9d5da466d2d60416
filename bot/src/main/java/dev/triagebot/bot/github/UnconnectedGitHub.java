package dev.triagebot.bot.github;

import dev.triagebot.bot.issue.IssueRef;
import dev.triagebot.bot.issue.RepositoryRef;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * What a dry run without GitHub credentials reads: repositories define no labels, issues have no
 * comments, nobody has a role, no repository has a configuration file. So the dry-run log shows
 * what the bot would do on a fresh issue. Writes never reach it ({@link DryRunGitHub} records
 * them); one that did is refused.
 */
public final class UnconnectedGitHub implements GitHubOperations {
  private static final String NO_CREDENTIALS = "no GitHub credentials are configured";

  @Override
  public Set<String> repositoryLabels(RepositoryRef repository) {
    return Set.of();
  }

  @Override
  public String ownLogin() {
    return "triage-bot (not connected)";
  }

  @Override
  public List<IssueComment> comments(IssueRef issue) {
    return List.of();
  }

  @Override
  public List<AuthoredComment> authoredComments(IssueRef issue) {
    return List.of();
  }

  @Override
  public List<Reaction> reactions(IssueRef issue, long commentId) {
    return List.of();
  }

  @Override
  public String roleOf(RepositoryRef repository, String login) {
    return "none";
  }

  /** No file anywhere: every repository runs on the defaults. */
  @Override
  public RepositoryFile readFile(RepositoryRef repository, String path, String etag) {
    return new RepositoryFile.Absent();
  }

  @Override
  public IssuePage listIssues(RepositoryRef repository, Instant since, int page) {
    throw new IllegalStateException("list the issues of " + repository + ": " + NO_CREDENTIALS);
  }

  @Override
  public List<String> issuesAsJson(RepositoryRef repository, Instant since, int page) {
    throw new IllegalStateException("list the issues of " + repository + ": " + NO_CREDENTIALS);
  }

  @Override
  public void addLabels(IssueRef issue, Collection<String> labels) {
    throw refused(issue);
  }

  @Override
  public IssueComment createComment(IssueRef issue, String body) {
    throw refused(issue);
  }

  @Override
  public void updateComment(IssueRef issue, long commentId, String body) {
    throw refused(issue);
  }

  @Override
  public void deleteComment(IssueRef issue, long commentId) {
    throw refused(issue);
  }

  @Override
  public void removeLabel(IssueRef issue, String label) {
    throw refused(issue);
  }

  @Override
  public void react(IssueRef issue, long commentId, String content) {
    throw refused(issue);
  }

  private static IllegalStateException refused(IssueRef issue) {
    return new IllegalStateException("write to " + issue + ": " + NO_CREDENTIALS);
  }
}
