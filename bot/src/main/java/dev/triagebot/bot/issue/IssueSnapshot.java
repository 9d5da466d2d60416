package dev.triagebot.bot.issue;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An issue as the bot knows it after ingress: our own record, mapped once from the webhook payload
 * so that nothing past the edge depends on {@code org.kohsuke.github}.
 *
 * @param installationId the GitHub App installation the event came through; 0 in token mode
 * @param repository {@code owner/name}
 * @param number the issue number
 * @param title the current title
 * @param body the current body, never null
 * @param labels names of the labels the issue has now
 * @param author login of the issue's author
 * @param authorIsBot whether the author is a bot account
 * @param pullRequest whether the "issue" is a pull request
 * @param state {@code open} or {@code closed}
 * @param htmlUrl the issue's page
 * @param updatedAt when the issue last changed, as of this snapshot; null when unknown. GitHub
 *     delivers events out of order: this says which of two snapshots is newer
 * @param authorAssociation GitHub's {@code author_association} of the author ({@code OWNER}, {@code
 *     MEMBER}, {@code CONTRIBUTOR}, {@code NONE}, ...); null when unknown
 */
public record IssueSnapshot(
    long installationId,
    String repository,
    int number,
    String title,
    String body,
    List<String> labels,
    String author,
    boolean authorIsBot,
    boolean pullRequest,
    String state,
    String htmlUrl,
    Instant updatedAt,
    String authorAssociation) {
  public IssueSnapshot {
    body = body == null ? "" : body;
    labels = List.copyOf(labels);
  }

  /** A snapshot whose author's association is unknown. */
  public IssueSnapshot(
      long installationId,
      String repository,
      int number,
      String title,
      String body,
      List<String> labels,
      String author,
      boolean authorIsBot,
      boolean pullRequest,
      String state,
      String htmlUrl,
      Instant updatedAt) {
    this(
        installationId,
        repository,
        number,
        title,
        body,
        labels,
        author,
        authorIsBot,
        pullRequest,
        state,
        htmlUrl,
        updatedAt,
        null);
  }

  /** A snapshot whose time is unknown: never taken for older than another. */
  public IssueSnapshot(
      long installationId,
      String repository,
      int number,
      String title,
      String body,
      List<String> labels,
      String author,
      boolean authorIsBot,
      boolean pullRequest,
      String state,
      String htmlUrl) {
    this(
        installationId,
        repository,
        number,
        title,
        body,
        labels,
        author,
        authorIsBot,
        pullRequest,
        state,
        htmlUrl,
        null,
        null);
  }

  /** Those of the wanted labels the issue does not have; GitHub compares names ignoring case. */
  public List<String> lacking(List<String> wanted) {
    Set<String> have =
        labels.stream().map(l -> l.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    return wanted.stream().filter(l -> !have.contains(l.toLowerCase(Locale.ROOT))).toList();
  }
}
