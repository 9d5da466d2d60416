package dev.triagebot.bot.index;

import dev.triagebot.classifier.similar.IndexedIssue;
import dev.triagebot.classifier.similar.IssueIndex;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Keeps every repository's similar-issue index current: applies the recorded {@link IndexChange}s
 * in the order their deliveries arrived, on one thread of its own, woken by ingress and polling as
 * the guarantee. A change that fails stays pending and is tried again on the next round.
 */
public class IndexUpkeep implements SmartLifecycle {
  private static final Logger log = LoggerFactory.getLogger(IndexUpkeep.class);
  private static final int BATCH = 100;

  private final IndexChangeLog changes;
  private final RepositoryIndexes indexes;
  private final Duration pollInterval;
  private final Object signal = new Object();
  private volatile Thread thread;
  private boolean signalled;

  public IndexUpkeep(IndexChangeLog changes, RepositoryIndexes indexes, Duration pollInterval) {
    this.changes = changes;
    this.indexes = indexes;
    this.pollInterval = pollInterval;
  }

  /** Wakes the upkeep thread: ingress has committed a change. */
  public void signal() {
    synchronized (signal) {
      signalled = true;
      signal.notifyAll();
    }
  }

  /**
   * Applies the pending changes, oldest first, until none is left or one fails.
   *
   * @return how many were applied
   */
  public int applyPending() {
    int applied = 0;
    while (true) {
      List<IndexChangeLog.Pending> batch = changes.pending(BATCH);
      if (batch.isEmpty()) {
        return applied;
      }
      for (IndexChangeLog.Pending pending : batch) {
        try {
          IndexChange.of(pending.event(), pending.payload()).ifPresent(this::apply);
        } catch (RuntimeException failure) {
          // Later changes of the same issue must not overtake this one: stop the round here.
          changes.failed(pending.id(), String.valueOf(failure.getMessage()));
          log.warn(
              "index change of delivery {} failed (attempt {}), retried next round: {}",
              pending.deliveryId(),
              pending.attempts() + 1,
              failure.toString());
          return applied;
        }
        changes.applied(pending.id());
        applied++;
      }
    }
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

  private void run() {
    int failedRounds = 0;
    while (thread == Thread.currentThread()) {
      boolean failed;
      try {
        applyPending();
        failed = changes.backlog() > 0;
      } catch (RuntimeException e) {
        log.warn("similar-index upkeep round failed; retrying: {}", e.toString());
        failed = true;
      }
      failedRounds = failed ? Math.min(failedRounds + 1, 8) : 0;
      try {
        if (failedRounds > 0) {
          // Back off (up to 2^8 polls) rather than spin on a change that keeps failing.
          Thread.sleep(pollInterval.toMillis() << failedRounds);
          continue;
        }
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
