package dev.triagebot.bot.github;

import dev.triagebot.bot.issue.IssueRef;
import dev.triagebot.bot.issue.RepositoryRef;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A {@link GitHubOperations} that passes every call to another: the base of decorators, which
 * override only what they change (see {@link DryRunGitHub}, {@link RepositoryLabelsPerJob}).
 */
public abstract class ForwardingGitHubOperations implements GitHubOperations {
  private final GitHubOperations delegate;

  protected ForwardingGitHubOperations(GitHubOperations delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  @Override
  public Set<String> repositoryLabels(RepositoryRef repository) {
    return delegate.repositoryLabels(repository);
  }

  @Override
  public String ownLogin() {
    return delegate.ownLogin();
  }

  @Override
  public List<IssueComment> comments(IssueRef issue) {
    return delegate.comments(issue);
  }

  @Override
  public void addLabels(IssueRef issue, Collection<String> labels) {
    delegate.addLabels(issue, labels);
  }

  @Override
  public IssueComment createComment(IssueRef issue, String body) {
    return delegate.createComment(issue, body);
  }

  @Override
  public void updateComment(IssueRef issue, long commentId, String body) {
    delegate.updateComment(issue, commentId, body);
  }

  @Override
  public void deleteComment(IssueRef issue, long commentId) {
    delegate.deleteComment(issue, commentId);
  }

  @Override
  public IssuePage listIssues(RepositoryRef repository, Instant since, int page) {
    return delegate.listIssues(repository, since, page);
  }

  @Override
  public List<String> issuesAsJson(RepositoryRef repository, Instant since, int page) {
    return delegate.issuesAsJson(repository, since, page);
  }

  @Override
  public List<AuthoredComment> authoredComments(IssueRef issue) {
    return delegate.authoredComments(issue);
  }

  @Override
  public void removeLabel(IssueRef issue, String label) {
    delegate.removeLabel(issue, label);
  }

  @Override
  public void react(IssueRef issue, long commentId, String content) {
    delegate.react(issue, commentId, content);
  }

  @Override
  public List<Reaction> reactions(IssueRef issue, long commentId) {
    return delegate.reactions(issue, commentId);
  }

  @Override
  public String roleOf(RepositoryRef repository, String login) {
    return delegate.roleOf(repository, login);
  }

  @Override
  public RepositoryFile readFile(RepositoryRef repository, String path, String etag) {
    return delegate.readFile(repository, path, etag);
  }
}
