package dev.triagebot.bot.index;

import dev.triagebot.bot.github.AuthoredComment;
import dev.triagebot.bot.github.GitHubOperations;
import dev.triagebot.bot.github.IssuePage;
import dev.triagebot.bot.issue.IssueRef;
import dev.triagebot.bot.issue.RepositoryRef;
import dev.triagebot.classifier.similar.DuplicateOfComment;
import dev.triagebot.classifier.similar.IndexedIssue;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;

/**
 * Pages through every issue of a repository, open and closed, into the store ({@link Pages}), from
 * which every replica's similar-issue index takes it: resumable from the stored checkpoint,
 * idempotent (an unchanged issue writes nothing), and paused whenever the installation's rate limit
 * falls below the reserve kept for live traffic.
 *
 * <p>The cursor is GitHub's {@code since} with {@code sort=updated&direction=asc}: each full page
 * moves {@code since} to one second before the newest update seen (GitHub's times have seconds, so
 * nothing updated in that second is skipped), or to the next page when a whole page shares that
 * second. An issue updated during the backfill is listed again later, which is harmless.
 *
 * <p>Duplicate targets: GitHub's {@code state_reason: duplicate} says an issue is a duplicate but
 * not of which one. For those issues only, the comments are read, and the last "Duplicate of #N"
 * written by a maintainer ({@code OWNER}, {@code MEMBER}, {@code COLLABORATOR}) or a bot names the
 * target.
 */
public final class BackfillRepository {
  static final int PAGE_SIZE = 100;

  private final GitHubOperations github;
  private final BackfillCheckpoints checkpoints;
  private final int rateReserve;
  private final Clock clock;
  private final Sleeper sleeper;
  private final PrintStream progress;

  /** Waits, e.g. until the rate limit resets; tests advance their clock instead. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  /** Where the pages go. */
  public interface Pages {
    /**
     * Stores a page's issues and the checkpoint after it, both or neither.
     *
     * @return false when the backfill is to stop here (its lease was lost, or the replica stops);
     *     nothing of the page is kept then
     */
    boolean store(List<IndexedIssue> issues, BackfillCheckpoints.Checkpoint next);

    /** Whether to go on to the next request; checked before each. */
    default boolean proceed() {
      return true;
    }
  }

  /**
   * @param checkpoints where the backfill resumes from
   * @param rateReserve requests left to live triage: below it, the backfill waits for the reset
   * @param progress where count, rate and ETA are printed (stderr)
   */
  public BackfillRepository(
      GitHubOperations github,
      BackfillCheckpoints checkpoints,
      int rateReserve,
      Clock clock,
      Sleeper sleeper,
      PrintStream progress) {
    this.github = github;
    this.checkpoints = checkpoints;
    this.rateReserve = rateReserve;
    this.clock = clock;
    this.sleeper = sleeper;
    this.progress = progress;
  }

  /**
   * Backfills the repository into the store, from its checkpoint, until the last page or until
   * {@code pages} says to stop.
   *
   * @return the last checkpoint stored; {@code done} when the last page was reached
   */
  public BackfillCheckpoints.Checkpoint run(RepositoryRef repository, Pages pages)
      throws InterruptedException {
    String name = repository.fullName();
    BackfillCheckpoints.Checkpoint at =
        checkpoints.load(name).orElse(BackfillCheckpoints.Checkpoint.START);
    if (at.done()) {
      // A re-run fetches only what changed since the last complete one.
      at =
          new BackfillCheckpoints.Checkpoint(
              at.since(), 1, at.issuesIndexed(), at.itemsSeen(), false);
    }
    Instant started = clock.instant();
    int seenThisRun = 0;
    while (pages.proceed()) {
      IssuePage page = github.listIssues(repository, at.since(), at.page());
      List<IndexedIssue> issues = new ArrayList<>();
      Instant newest = null;
      for (var item : page.items()) {
        Instant updated = item.issue().updatedAt();
        if (updated != null && (newest == null || updated.isAfter(newest))) {
          newest = updated;
        }
        if (!item.pullRequest()) {
          issues.add(withLearnedTarget(repository, item.issue()));
        }
      }
      boolean last = page.items().size() < PAGE_SIZE;
      int fetched = at.page();
      BackfillCheckpoints.Checkpoint next =
          next(at, newest, last, issues.size(), page.items().size());
      if (!pages.store(issues, next)) {
        break;
      }
      at = next;
      seenThisRun += page.items().size();
      report(name, at, seenThisRun, started, remainingItems(page, fetched, at));
      if (last) {
        return at;
      }
      waitForBudget(page);
    }
    progress.printf("backfill %s: stopped; it resumes from the checkpoint%n", name);
    return at;
  }

  /** The cursor after a page. */
  static BackfillCheckpoints.Checkpoint next(
      BackfillCheckpoints.Checkpoint at, Instant newest, boolean last, int indexed, int seen) {
    Instant since = at.since();
    int page = at.page() + 1;
    if (newest != null) {
      Instant candidate = newest.minusSeconds(1);
      if (since == null || candidate.isAfter(since)) {
        since = candidate;
        page = 1;
      }
    }
    if (last) {
      page = 1;
    }
    return new BackfillCheckpoints.Checkpoint(
        since, page, at.issuesIndexed() + indexed, at.itemsSeen() + seen, last);
  }

  private IndexedIssue withLearnedTarget(RepositoryRef repository, IndexedIssue issue) {
    if (issue.state() != IndexedIssue.State.CLOSED
        || issue.stateReason() != IndexedIssue.StateReason.DUPLICATE) {
      return issue;
    }
    Integer target = null;
    for (AuthoredComment comment :
        github.authoredComments(new IssueRef(repository, issue.number()))) {
      boolean trusted =
          comment.byBot()
              || (comment.authorAssociation() != null
                  && IndexChange.MAINTAINER_ASSOCIATIONS.contains(
                      comment.authorAssociation().toUpperCase(Locale.ROOT)));
      OptionalInt named = DuplicateOfComment.target(comment.body(), repository.fullName());
      if (trusted && named.isPresent() && named.getAsInt() != issue.number()) {
        target = named.getAsInt();
      }
    }
    return target == null ? issue : issue.withState(issue.state(), issue.stateReason(), target);
  }

  private void waitForBudget(IssuePage page) throws InterruptedException {
    if (page.rateRemaining() < 0 || page.rateRemaining() >= rateReserve) {
      return;
    }
    Instant now = clock.instant();
    Instant reset = page.rateReset() == null ? now.plusSeconds(60) : page.rateReset();
    Duration wait = Duration.between(now, reset).plusSeconds(1);
    if (wait.isNegative()) {
      return;
    }
    progress.printf(
        "backfill: %d requests left, below the reserve of %d for live triage; pausing %ds until"
            + " the limit resets%n",
        page.rateRemaining(), rateReserve, wait.toSeconds());
    sleeper.sleep(wait);
  }

  /**
   * Items still to list, from the last page that GitHub's {@code Link} header names for the query
   * just answered; -1 when unknown. Moving the cursor to a later {@code since} only shortens what
   * is left, so this is an upper bound.
   */
  private static long remainingItems(
      IssuePage page, int fetched, BackfillCheckpoints.Checkpoint at) {
    if (at.done()) {
      return 0;
    }
    if (page.lastPage() == 0) {
      return -1;
    }
    return (long) Math.max(0, page.lastPage() - fetched) * PAGE_SIZE;
  }

  private void report(
      String repository,
      BackfillCheckpoints.Checkpoint at,
      int seenThisRun,
      Instant started,
      long remaining) {
    double seconds =
        Math.max(0.001, Duration.between(started, clock.instant()).toMillis() / 1000.0);
    double rate = seenThisRun / seconds;
    String eta =
        remaining < 0 || rate <= 0
            ? "ETA unknown"
            : "ETA "
                + Duration.ofSeconds(Math.round(remaining / rate))
                    .toString()
                    .substring(2)
                    .toLowerCase(Locale.ROOT);
    progress.printf(
        Locale.ROOT,
        "backfill %s: %d issues indexed, %d items listed, %.1f items/s, %s%s%n",
        repository,
        at.issuesIndexed(),
        at.itemsSeen(),
        rate,
        at.done() ? "done" : eta,
        at.done() ? "" : ", next since " + at.since() + " page " + at.page());
  }
}
