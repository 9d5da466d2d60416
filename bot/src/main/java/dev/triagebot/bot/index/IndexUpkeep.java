package dev.triagebot.bot.index;

import dev.triagebot.classifier.similar.IndexedIssue;
import dev.triagebot.classifier.similar.IssueIndex;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Keeps every repository's similar-issue index current: applies the recorded {@link IndexChange}s
 * in the order their deliveries arrived, on one thread of its own, woken by ingress and polling as
 * the guarantee. A change that fails holds back only the later changes of its own repository, which
 * rests (backing off) before it is tried again; after {@link #MAX_ATTEMPTS} failures the change is
 * parked with its reason and its repository goes on.
 */
public class IndexUpkeep implements SmartLifecycle {
  /** Failed attempts after which a change is parked. */
  public static final int MAX_ATTEMPTS = 10;

  private static final Logger log = LoggerFactory.getLogger(IndexUpkeep.class);
  private static final int BATCH = 100;
  private static final int MAX_BACKOFF_DOUBLINGS = 8;

  private final IndexChangeLog changes;
  private final RepositoryIndexes indexes;
  private final Duration pollInterval;
  private final Clock clock;
  private final int maxAttempts;
  private final Object signal = new Object();

  /** Repositories whose last change failed, and when they may be tried again. */
  private final Map<String, Instant> resting = new ConcurrentHashMap<>();

  private volatile Thread thread;
  private boolean signalled;

  public IndexUpkeep(
      IndexChangeLog changes, RepositoryIndexes indexes, Duration pollInterval, Clock clock) {
    this(changes, indexes, pollInterval, clock, MAX_ATTEMPTS);
  }

  IndexUpkeep(
      IndexChangeLog changes,
      RepositoryIndexes indexes,
      Duration pollInterval,
      Clock clock,
      int maxAttempts) {
    this.changes = changes;
    this.indexes = indexes;
    this.pollInterval = pollInterval;
    this.clock = clock;
    this.maxAttempts = maxAttempts;
  }

  /** Wakes the upkeep thread: ingress has committed a change. */
  public void signal() {
    synchronized (signal) {
      signalled = true;
      signal.notifyAll();
    }
  }

  /**
   * Applies the pending changes, oldest first. A repository whose change fails (or is resting after
   * a failure) is held back for the rest of the round, so that its later changes never overtake the
   * failed one; every other repository goes on.
   *
   * @return how many were applied
   */
  public int applyPending() {
    Instant now = clock.instant();
    Set<String> heldBack = new HashSet<>();
    int applied = 0;
    long after = 0;
    while (true) {
      List<IndexChangeLog.Pending> batch = changes.pending(after, BATCH);
      if (batch.isEmpty()) {
        return applied;
      }
      for (IndexChangeLog.Pending pending : batch) {
        after = pending.id();
        String repository = pending.repository().toLowerCase(Locale.ROOT);
        if (heldBack.contains(repository) || resting(repository, now)) {
          heldBack.add(repository);
          continue;
        }
        try {
          IndexChange.of(pending.event(), pending.payload()).ifPresent(this::apply);
        } catch (RuntimeException failure) {
          if (!failed(pending, repository, failure, now)) {
            heldBack.add(repository);
          }
          continue;
        }
        resting.remove(repository);
        changes.applied(pending.id());
        applied++;
      }
    }
  }

  private boolean resting(String repository, Instant now) {
    Instant until = resting.get(repository);
    return until != null && now.isBefore(until);
  }

  /**
   * Records a failed attempt.
   *
   * @return whether the change was parked, so that its repository may go on
   */
  private boolean failed(
      IndexChangeLog.Pending pending, String repository, RuntimeException failure, Instant now) {
    int attempts = pending.attempts() + 1;
    String reason =
        failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
    if (attempts >= maxAttempts) {
      changes.park(pending.id(), reason);
      resting.remove(repository);
      log.error(
          "index change of delivery {} ({}) parked after {} failed attempts: {}",
          pending.deliveryId(),
          pending.repository(),
          attempts,
          reason);
      return true;
    }
    changes.failed(pending.id(), reason);
    Duration backoff = pollInterval.multipliedBy(1L << Math.min(attempts, MAX_BACKOFF_DOUBLINGS));
    resting.put(repository, now.plus(backoff));
    log.warn(
        "index change of delivery {} ({}) failed (attempt {} of {}); its repository rests {} ms: {}",
        pending.deliveryId(),
        pending.repository(),
        attempts,
        maxAttempts,
        backoff.toMillis(),
        reason);
    return false;
  }

  /** Applies one change; idempotent, so a change applied twice after a crash does no harm. */
  void apply(IndexChange change) {
    IssueIndex index = indexes.forRepository(change.repository());
    if (change instanceof IndexChange.Upsert upsert) {
      index.upsert(keepLearnedTarget(upsert.issue(), index));
    } else {
      index.delete(change.number());
    }
  }

  /**
   * A webhook says "closed as duplicate" but never of which issue; a target the index learned (from
   * a backfill's comments) stays until the issue is reopened.
   */
  static IndexedIssue keepLearnedTarget(IndexedIssue incoming, IssueIndex index) {
    if (incoming.duplicateOf() != null
        || incoming.state() != IndexedIssue.State.CLOSED
        || incoming.stateReason() != IndexedIssue.StateReason.DUPLICATE) {
      return incoming;
    }
    Optional<Integer> learned = index.find(incoming.number()).map(IndexedIssue::duplicateOf);
    return learned
        .map(target -> incoming.withState(incoming.state(), incoming.stateReason(), target))
        .orElse(incoming);
  }

  @Override
  public void start() {
    Thread worker = new Thread(this::run, "similar-index-upkeep");
    worker.setDaemon(true);
    thread = worker;
    worker.start();
  }

  @Override
  public void stop() {
    Thread worker = thread;
    thread = null;
    if (worker != null) {
      worker.interrupt();
      try {
        worker.join(pollInterval.toMillis() * 4 + 1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public boolean isRunning() {
    return thread != null;
  }

  /**
   * Whether the upkeep thread is started and still alive: an {@link Error} (such as running out of
   * memory) ends it, and then no index changes any more until the process restarts.
   */
  public boolean alive() {
    Thread worker = thread;
    return worker != null && worker.isAlive();
  }

  private void run() {
    while (thread == Thread.currentThread()) {
      try {
        applyPending();
      } catch (RuntimeException e) {
        // The store itself failed; the next round tries again.
        log.warn("similar-index upkeep round failed; retrying: {}", e.toString());
      } catch (Error fatal) {
        log.error("similar-index upkeep stopped: {}; health is DOWN from now on", fatal.toString());
        throw fatal;
      }
      try {
        synchronized (signal) {
          if (!signalled) {
            signal.wait(pollInterval.toMillis());
          }
          signalled = false;
        }
      } catch (InterruptedException e) {
        return;
      }
    }
  }
}
