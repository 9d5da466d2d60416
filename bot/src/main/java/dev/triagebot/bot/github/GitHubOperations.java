package dev.triagebot.bot.github;

import dev.triagebot.bot.issue.IssueRef;
import dev.triagebot.bot.issue.RepositoryRef;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Everything the bot does on GitHub, over our own types. The one seam between triage and GitHub:
 * the executor depends on this alone, tests fake GitHub behind it.
 *
 * <p>Every method throws {@link GitHubUnavailableException} when waiting may help (5xx, timeouts,
 * rate limits) and {@link GitHubRejectedException} when it will not (404, 422, missing permission).
 */
public interface GitHubOperations {

  /** Names of the labels the repository defines. */
  Set<String> repositoryLabels(RepositoryRef repository);

  /**
   * The login of the bot's own account, as GitHub shows it on the comments it writes: a comment is
   * the bot's only if it carries the bot's marker <em>and</em> has this author.
   */
  String ownLogin();

  /** The comments on an issue, oldest first. */
  List<IssueComment> comments(IssueRef issue);

  /** Adds labels to an issue, keeping those it has. Never call with labels the repo lacks. */
  void addLabels(IssueRef issue, Collection<String> labels);

  /** Posts a comment and returns it. */
  IssueComment createComment(IssueRef issue, String body);

  /** Replaces the body of a comment on the issue. */
  void updateComment(IssueRef issue, long commentId, String body);

  /** Deletes a comment on the issue. */
  void deleteComment(IssueRef issue, long commentId);

  /**
   * One page (100 items) of the repository's issues, open and closed, least recently updated first.
   *
   * @param since only items updated at or after this time; null for all
   * @param page the page, from 1
   */
  IssuePage listIssues(RepositoryRef repository, Instant since, int page);

  /**
   * One page (100 items) of the repository's issues updated at or after {@code since}, open and
   * closed, least recently updated first, pull requests included: each GitHub's own JSON issue
   * object, which a missed {@code issues} delivery is rebuilt from.
   *
   * @param page the page, from 1
   */
  List<String> issuesAsJson(RepositoryRef repository, Instant since, int page);

  /** The comments on an issue with their authors' association, oldest first. */
  List<AuthoredComment> authoredComments(IssueRef issue);

  /** Removes one label from an issue; a label the issue no longer has is not an error. */
  void removeLabel(IssueRef issue, String label);

  /**
   * Reacts to a comment on the issue with GitHub's reaction {@code content} ({@code +1}, {@code
   * confused}, ...); reacting again with the same content changes nothing.
   */
  void react(IssueRef issue, long commentId, String content);

  /** The reactions on a comment on the issue, oldest first. */
  List<Reaction> reactions(IssueRef issue, long commentId);

  /**
   * The user's role on the repository, GitHub's {@code role_name} ({@code admin}, {@code maintain},
   * {@code write}, {@code triage}, {@code read}), else its {@code permission}; {@code none} for a
   * user GitHub does not know.
   */
  String roleOf(RepositoryRef repository, String login);

  /**
   * A file of the repository's default branch, read conditionally: with the ETag of the version the
   * caller holds, GitHub answers 304 (no rate limit spent) unless it changed. Needs the App's
   * {@code contents: read} permission.
   *
   * @param path the file's path in the repository, e.g. {@code .github/triage-bot.yml}
   * @param etag the ETag of the version held; null to read it in any case
   */
  RepositoryFile readFile(RepositoryRef repository, String path, String etag);
}
