package dev.triagebot.bot.index;

import dev.triagebot.classifier.similar.IndexedIssue;
import dev.triagebot.classifier.similar.IssueIndex;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.task.TaskRejectedException;
import org.springframework.scheduling.TaskScheduler;

/**
 * Keeps this replica's similar-issue indexes derived from the store's {@link KnownIssues}: each
 * index records in its Lucene commits the repository version it has applied, and a round applies
 * only what is newer, a span of versions per commit. An index that holds nothing (a fresh replica,
 * or a deleted index directory) is rebuilt from the store without calling GitHub.
 *
 * <p>Rounds run on Spring's {@link TaskScheduler}: every poll interval, and at once when ingress
 * signals a change. {@link #stop()} raises a flag that rounds check between commits, and waits for
 * the round in progress: Lucene is never interrupted. A repository whose changes fail rests
 * (backing off) while the others go on; after {@link #MAX_ATTEMPTS} failures its failing rows are
 * taken one at a time, and those that still fail are parked for this replica ({@link
 * ParkedIssues}).
 */
public class IndexUpkeep implements SmartLifecycle {
  /** Failed attempts after which the rows that fail are parked. */
  public static final int MAX_ATTEMPTS = 10;

  /** The commit user data key of the repository version an index holds. */
  static final String APPLIED_VERSION = "triagebot.store.version";

  private static final Logger log = LoggerFactory.getLogger(IndexUpkeep.class);
  // Versions applied per commit. A backfill page is one version of up to 100 rows.
  private static final int VERSION_SPAN = 200;
  private static final int REBUILD_PAGE = 2_000;
  // After this many rows applied since the last merge, merge away the deleted documents (see
  // IssueIndex.compact), once ingress is quiet: the merge rewrites the whole index.
  private static final int COMPACT_AFTER = 5_000;
  private static final int MAX_BACKOFF_DOUBLINGS = 8;
  // While ingress is busy a round applies one commit's worth per repository and the next follows
  // this much later, so that the upkeep's work is spread thinly over a burst instead of taking a
  // core for a quarter of a second every few seconds (which stalled acknowledgements). At 250 ms
  // (up to 800 rows a second) it took a tenth of a core of a 1,000/s burst, with C2
  // compiling its indexing paths beside it; the rest waits until ingress is quiet.
  private static final Duration SLICE_STEP = Duration.ofSeconds(1);

  private final KnownIssues issues;
  private final RepositoryIndexes indexes;
  private final ParkedIssues parked;
  private final String replica;
  private final TaskScheduler scheduler;
  private final Duration pollInterval;
  private final Clock clock;
  private final int maxAttempts;
  private final int compactAfter;

  private final ReentrantLock rounds = new ReentrantLock();
  private final AtomicBoolean roundQueued = new AtomicBoolean();
  private final AtomicBoolean again = new AtomicBoolean();

  /** Repositories whose last round failed, and when they may be tried again. */
  private final Map<String, Instant> resting = new ConcurrentHashMap<>();

  /** Consecutive failed attempts per repository. */
  private final Map<String, Integer> failures = new ConcurrentHashMap<>();

  /** Rows applied per repository since its index was last merged into one segment. */
  private final Map<String, Integer> unmerged = new ConcurrentHashMap<>();

  private volatile BooleanSupplier busy = () -> false;

  /** When the last slice ran (System.nanoTime); the first may run at once. */
  private volatile long lastSlice = System.nanoTime() - SLICE_STEP.toNanos();

  private volatile boolean stopRequested;
  private volatile ScheduledFuture<?> polling;
  private volatile Throwable fatal;

  /**
   * @param replica this replica's name, for what it parks
   * @param scheduler runs the rounds
   * @param pollInterval how often a round runs without a signal (changes ingress stored on another
   *     replica arrive this way), and the first back-off of a failing repository
   */
  public IndexUpkeep(
      KnownIssues issues,
      RepositoryIndexes indexes,
      ParkedIssues parked,
      String replica,
      TaskScheduler scheduler,
      Duration pollInterval,
      Clock clock) {
    this(
        issues,
        indexes,
        parked,
        replica,
        scheduler,
        pollInterval,
        clock,
        MAX_ATTEMPTS,
        COMPACT_AFTER);
  }

  /**
   * @param compactAfter rows applied to an index after which it is merged into one segment, as soon
   *     as ingress is not busy
   */
  IndexUpkeep(
      KnownIssues issues,
      RepositoryIndexes indexes,
      ParkedIssues parked,
      String replica,
      TaskScheduler scheduler,
      Duration pollInterval,
      Clock clock,
      int maxAttempts,
      int compactAfter) {
    this.issues = issues;
    this.indexes = indexes;
    this.parked = parked;
    this.replica = replica;
    this.scheduler = scheduler;
    this.pollInterval = pollInterval;
    this.clock = clock;
    this.maxAttempts = maxAttempts;
    this.compactAfter = compactAfter;
  }

  /**
   * While {@code busy} says so, rounds apply one commit's worth per repository at a time, a step
   * apart: each commit flushes a Lucene segment, and the merges that follow would take the cores
   * acknowledgements need under a burst. Merging a whole index into one segment waits until {@code
   * busy} says no.
   */
  public IndexUpkeep holdWhile(BooleanSupplier busy) {
    this.busy = busy;
    return this;
  }

  /** Runs a round soon: ingress has committed a change. */
  public void signal() {
    if (polling == null || stopRequested || !roundQueued.compareAndSet(false, true)) {
      again.set(true);
      return;
    }
    try {
      scheduler.schedule(this::round, scheduler.getClock().instant());
    } catch (TaskRejectedException shuttingDown) {
      roundQueued.set(false); // the next start catches up from the store
    }
  }

  /**
   * Brings every repository's index up to the store's version, oldest change first. A repository
   * that fails (or rests after a failure) is left for a later round; the others go on.
   *
   * @return how many rows were applied (a rebuild counts the issues it indexed)
   */
  public int applyPending() {
    return applyPending(Integer.MAX_VALUE);
  }

  /**
   * As {@link #applyPending()}, in at most {@code commits} commits per repository (a rebuild is
   * one).
   */
  int applyPending(int commits) {
    Instant now = clock.instant();
    int applied = 0;
    for (String repository : issues.repositories()) {
      if (stopRequested) {
        break;
      }
      if (resting(repository, now)) {
        continue;
      }
      try {
        applied += catchUp(repository, commits);
        resting.remove(repository);
        failures.remove(repository);
      } catch (RuntimeException failure) {
        if (stopRequested) {
          break;
        }
        rest(repository, failure, now);
      }
    }
    return applied;
  }

  /**
   * How many stored rows this replica's indexes have not applied yet, over every repository: the
   * index backlog.
   */
  public int backlog() {
    int backlog = 0;
    for (String repository : issues.repositories()) {
      backlog += issues.countChangedAfter(repository, appliedVersion(repository).orElse(0L));
    }
    return backlog;
  }

  /** The store version this replica's index of the repository holds; empty before its first. */
  public Optional<Long> appliedVersion(String repository) {
    return indexes.forRepository(repository).mark(APPLIED_VERSION).map(Long::parseLong);
  }

  /** This replica's name, as in the parked rows and backfill leases. */
  public String replica() {
    return replica;
  }

  private int catchUp(String repository, int commits) {
    IssueIndex index = indexes.forRepository(repository);
    long target = issues.version(repository);
    Optional<Long> mark = index.mark(APPLIED_VERSION).map(Long::parseLong);
    if (mark.isEmpty() && index.size() == 0) {
      return target == 0 ? 0 : rebuild(repository, index, target);
    }
    // An index without a mark but with documents predates the store's history: keep what it
    // has and apply everything the store knows on top.
    long at = mark.orElse(0L);
    int applied = 0;
    for (int commit = 0; commit < commits && at < target && !stopRequested; commit++) {
      long upTo = Math.min(target, at + VERSION_SPAN);
      List<KnownIssues.Row> rows = issues.changed(repository, at, upTo);
      applyRows(repository, index, rows, upTo);
      applied += rows.size();
      at = upTo;
    }
    compactWhenQuiet(repository, index, applied);
    return applied;
  }

  /**
   * Merges the index into one segment once enough rows have come in since the last time, but not
   * while ingress is busy: the merge rewrites the whole index, and during a burst it took a core
   * for a quarter of a second every round (with the compiler's work on it), stalling
   * acknowledgements; the rows of the burst are merged at the first round after it.
   */
  private void compactWhenQuiet(String repository, IssueIndex index, int applied) {
    int rows = unmerged.merge(repository, applied, Integer::sum);
    if (rows >= compactAfter && !stopRequested && !busy.getAsBoolean()) {
      index.compact();
      unmerged.remove(repository);
    }
  }

  /**
   * Rebuilds the index from the store as of {@code version}. Rows changed after it are seen either
   * way, so applying them again later is harmless; rows below it are all visible (see {@link
   * KnownIssues}). A stop request ends the rebuild between rows, and the index keeps its last
   * commit (empty): the next start rebuilds again.
   */
  private int rebuild(String repository, IssueIndex index, long version) {
    long started = System.nanoTime();
    Iterable<IndexedIssue> source = issues.current(repository, REBUILD_PAGE);
    Iterable<IndexedIssue> untilStopped =
        () -> {
          Iterator<IndexedIssue> rows = source.iterator();
          return new Iterator<>() {
            @Override
            public boolean hasNext() {
              if (stopRequested) {
                throw new IllegalStateException("stopping: rebuild abandoned, redone at start");
              }
              return rows.hasNext();
            }

            @Override
            public IndexedIssue next() {
              return rows.next();
            }
          };
        };
    try {
      int count = index.rebuild(untilStopped, Map.of(APPLIED_VERSION, Long.toString(version)));
      log.info(
          "similar-issue index of {} rebuilt from the store: {} issues at version {} in {} ms",
          repository,
          count,
          version,
          (System.nanoTime() - started) / 1_000_000);
      return count;
    } catch (RuntimeException failure) {
      indexes.discard(repository); // a failed rebuild closes its index; open it afresh next time
      throw failure;
    }
  }

  private void applyRows(
      String repository, IssueIndex index, List<KnownIssues.Row> rows, long upTo) {
    Map<String, String> mark = Map.of(APPLIED_VERSION, Long.toString(upTo));
    try {
      index.apply(upserts(rows), deletions(rows), mark);
      return;
    } catch (RuntimeException failure) {
      if (failures.getOrDefault(repository, 0) + 1 < maxAttempts) {
        throw failure;
      }
    }
    // The batch keeps failing: apply its rows one at a time, park those that fail, go on.
    int attempts = failures.getOrDefault(repository, 0) + 1;
    for (KnownIssues.Row row : rows) {
      try {
        index.apply(upserts(List.of(row)), deletions(List.of(row)), Map.of());
      } catch (RuntimeException failure) {
        String reason = reason(failure);
        parked.park(
            new ParkedIssues.Parked(
                replica, repository, row.number(), row.version(), attempts, reason));
        log.error(
            "similar-issue index of {}: issue #{} (version {}) parked on replica {} after {}"
                + " failed attempts: {}",
            repository,
            row.number(),
            row.version(),
            replica,
            attempts,
            reason);
      }
    }
    index.apply(List.of(), List.of(), mark);
  }

  private static List<IndexedIssue> upserts(List<KnownIssues.Row> rows) {
    List<IndexedIssue> upserts = new ArrayList<>();
    for (KnownIssues.Row row : rows) {
      if (!row.removed()) {
        upserts.add(row.issue());
      }
    }
    return upserts;
  }

  private static List<Integer> deletions(List<KnownIssues.Row> rows) {
    return rows.stream().filter(KnownIssues.Row::removed).map(KnownIssues.Row::number).toList();
  }

  private boolean resting(String repository, Instant now) {
    Instant until = resting.get(repository);
    return until != null && now.isBefore(until);
  }

  private void rest(String repository, RuntimeException failure, Instant now) {
    int attempts = failures.merge(repository, 1, Integer::sum);
    Duration backoff = pollInterval.multipliedBy(1L << Math.min(attempts, MAX_BACKOFF_DOUBLINGS));
    resting.put(repository, now.plus(backoff));
    log.warn(
        "similar-issue index of {} failed to catch up (attempt {} of {} before parking); it rests"
            + " {} ms: {}",
        repository,
        attempts,
        maxAttempts,
        backoff.toMillis(),
        reason(failure));
  }

  private static String reason(RuntimeException failure) {
    return failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
  }

  /**
   * One scheduled round; a signal during a round makes it go round once more. While ingress is busy
   * a round is a slice: one commit per repository, the next slice a step later.
   */
  private void round() {
    roundQueued.set(false);
    if (held()) {
      return;
    }
    if (stopRequested || !rounds.tryLock()) {
      again.set(true);
      return;
    }
    try {
      if (busy.getAsBoolean()) {
        lastSlice = System.nanoTime();
        again.set(false);
        if (applyPending(1) > 0 || again.get()) {
          roundAt(scheduler.getClock().instant().plus(SLICE_STEP));
        }
        return;
      }
      do {
        again.set(false);
        applyPending();
      } while (again.get() && !stopRequested);
    } catch (RuntimeException e) {
      // The store itself failed; the next round tries again.
      log.warn("similar-index upkeep round failed; retrying: {}", e.toString());
    } catch (Error error) {
      fatal = error;
      log.error("similar-index upkeep failed: {}; health is DOWN from now on", error.toString());
      throw error;
    } finally {
      rounds.unlock();
    }
  }

  /**
   * Whether this round comes too soon after the last slice while ingress is busy; if so, it waits.
   */
  private boolean held() {
    if (stopRequested || !busy.getAsBoolean()) {
      return false;
    }
    long due = lastSlice + SLICE_STEP.toNanos();
    long early = due - System.nanoTime();
    if (early <= 0) {
      return false;
    }
    roundAt(scheduler.getClock().instant().plusNanos(early));
    return true;
  }

  /** Schedules a round, unless one is scheduled already. */
  private void roundAt(Instant when) {
    if (roundQueued.compareAndSet(false, true)) {
      try {
        scheduler.schedule(this::round, when);
      } catch (TaskRejectedException shuttingDown) {
        roundQueued.set(false); // the next start catches up from the store
      }
    }
  }

  @Override
  public void start() {
    stopRequested = false;
    polling = scheduler.scheduleWithFixedDelay(this::round, pollInterval);
  }

  /** Raises the stop flag, and waits for the round in progress to reach it. */
  @Override
  public void stop() {
    stopRequested = true;
    ScheduledFuture<?> future = polling;
    polling = null;
    if (future != null) {
      future.cancel(false);
    }
    rounds.lock();
    rounds.unlock();
  }

  @Override
  public boolean isRunning() {
    return polling != null;
  }

  /**
   * Whether rounds are scheduled and none ended in an {@link Error} (such as running out of
   * memory), after which this replica's indexes may no longer follow the store.
   */
  public boolean alive() {
    return polling != null && fatal == null;
  }
}
