package dev.triagebot.bot.github;

import dev.triagebot.bot.issue.IssueRef;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dry-run: reads go to GitHub as usual, every write is logged as what the bot would do and recorded
 * instead of sent. The executor runs the same steps in every mode; only this decorator knows that
 * nothing is written.
 */
public final class DryRunGitHub extends ForwardingGitHubOperations {
  private static final Logger log = LoggerFactory.getLogger(DryRunGitHub.class);

  /** Only the latest writes are kept: a dry-run service runs for weeks. */
  static final int KEPT = 1000;

  /** What a created comment's id is here: it was never posted. */
  public static final long NOT_POSTED = 0;

  private final Deque<Write> recorded = new ArrayDeque<>();

  /**
   * @param reads where reads go: the real client, or {@link UnconnectedGitHub} without credentials
   */
  public DryRunGitHub(GitHubOperations reads) {
    super(reads);
  }

  /**
   * A write that was not sent.
   *
   * @param issue the issue it was for
   * @param action what it would have done, e.g. {@code add labels [area:mcp]}
   */
  public record Write(IssueRef issue, String action) {
    @Override
    public String toString() {
      return issue + ": " + action;
    }
  }

  /** The writes recorded so far (the latest {@value #KEPT}), oldest first. */
  public synchronized List<Write> recorded() {
    return List.copyOf(recorded);
  }

  @Override
  public void addLabels(IssueRef issue, Collection<String> labels) {
    record(issue, "add labels " + labels);
  }

  @Override
  public IssueComment createComment(IssueRef issue, String body) {
    record(issue, "post a comment:\n" + body);
    return new IssueComment(NOT_POSTED, body, null);
  }

  @Override
  public void updateComment(IssueRef issue, long commentId, String body) {
    record(issue, "update comment " + commentId + " to:\n" + body);
  }

  @Override
  public void deleteComment(IssueRef issue, long commentId) {
    record(issue, "delete comment " + commentId);
  }

  @Override
  public void removeLabel(IssueRef issue, String label) {
    record(issue, "remove label " + label);
  }

  @Override
  public void react(IssueRef issue, long commentId, String content) {
    record(issue, "react " + content + " to comment " + commentId);
  }

  private synchronized void record(IssueRef issue, String action) {
    // Readable on a terminal: what a maintainer would see on GitHub.
    log.info("DRY-RUN {}: would {}", issue, action);
    if (recorded.size() == KEPT) {
      recorded.removeFirst();
    }
    recorded.addLast(new Write(issue, action));
  }
}
