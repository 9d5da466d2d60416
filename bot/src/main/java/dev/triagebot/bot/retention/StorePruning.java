package dev.triagebot.bot.retention;

import dev.triagebot.bot.queue.Timestamps;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.TaskScheduler;

/**
 * Prunes what the store keeps only for a while ({@link RetentionProperties}), on Spring's
 * scheduler, in small batches so that no delete holds locks for long; stopped by a flag checked
 * between batches. Every replica prunes; the deletes are idempotent.
 *
 * <p>Kept whatever their age: deliveries with a job that is queued, running or parked (failed),
 * since an operator may still retry it; the known issues the indexes are built from; the issue
 * watermarks, suggestions and carried-out commands, which make the bot act once per event.
 */
public class StorePruning implements SmartLifecycle {
  private static final Logger log = LoggerFactory.getLogger(StorePruning.class);
  private static final int BATCH = 1_000;
  private static final java.time.Duration FIRST_PASS_AFTER = java.time.Duration.ofMinutes(1);

  private final JdbcTemplate jdbc;
  private final RetentionProperties retention;
  private final TaskScheduler scheduler;
  private final Clock clock;
  private final ReentrantLock pruning = new ReentrantLock();

  private volatile boolean stopRequested;
  private volatile ScheduledFuture<?> schedule;

  /**
   * What one pass deleted.
   *
   * @param deliveries stored deliveries
   * @param jobs finished jobs of those deliveries
   * @param audit triage audit rows
   * @param indexChanges rows of the old similar-index change log and parked issues
   * @param redeliveries redeliveries asked of GitHub; GitHub redelivers only the last three days'
   *     deliveries, so a row as old as the deliveries kept can never be asked for again
   */
  public record Pruned(int deliveries, int jobs, int audit, int indexChanges, int redeliveries) {
    public int total() {
      return deliveries + jobs + audit + indexChanges + redeliveries;
    }
  }

  public StorePruning(
      JdbcTemplate jdbc, RetentionProperties retention, TaskScheduler scheduler, Clock clock) {
    this.jdbc = jdbc;
    this.retention = retention;
    this.scheduler = scheduler;
    this.clock = clock;
  }

  /** Deletes everything past its retention, batch by batch, until done or asked to stop. */
  public Pruned prune() {
    Instant now = clock.instant();
    Object deliveriesBefore = Timestamps.toColumn(now.minus(retention.deliveries()));
    Object changesBefore = Timestamps.toColumn(now.minus(retention.indexChanges()));
    int indexChanges =
        inBatches(
                "DELETE FROM similar_index_change WHERE id IN (SELECT id FROM similar_index_change"
                    + " WHERE created_at < ? LIMIT ?)",
                changesBefore)
            + jdbc.update("DELETE FROM similar_index_parked WHERE parked_at < ?", changesBefore);
    int jobs =
        inBatches(
            "DELETE FROM triage_job WHERE id IN (SELECT j.id FROM triage_job j"
                + " JOIN webhook_delivery d ON d.id = j.delivery_id"
                + " WHERE j.status = 'done' AND d.received_at < ? LIMIT ?)",
            deliveriesBefore);
    int deliveries =
        inBatches(
            "DELETE FROM webhook_delivery WHERE id IN (SELECT d.id FROM webhook_delivery d"
                + " WHERE d.received_at < ?"
                + " AND NOT EXISTS (SELECT 1 FROM triage_job j WHERE j.delivery_id = d.id)"
                + " AND NOT EXISTS (SELECT 1 FROM similar_index_change c"
                + " WHERE c.delivery_id = d.id) LIMIT ?)",
            deliveriesBefore);
    int audit =
        inBatches(
            "DELETE FROM triage_audit WHERE id IN (SELECT id FROM triage_audit"
                + " WHERE recorded_at < ? LIMIT ?)",
            Timestamps.toColumn(now.minus(retention.audit())));
    int redeliveries =
        inBatches(
            "DELETE FROM webhook_redelivery WHERE guid IN (SELECT guid FROM webhook_redelivery"
                + " WHERE requested_at < ? LIMIT ?)",
            deliveriesBefore);
    Pruned pruned = new Pruned(deliveries, jobs, audit, indexChanges, redeliveries);
    if (pruned.total() > 0) {
      log.info(
          "retention: pruned {} deliveries, {} finished jobs, {} audit rows, {} index-change rows,"
              + " {} redelivery requests",
          deliveries,
          jobs,
          audit,
          indexChanges,
          redeliveries);
    }
    return pruned;
  }

  /** Runs a delete whose last parameter is the batch size until it deletes nothing. */
  private int inBatches(String delete, Object... parameters) {
    Object[] arguments = java.util.Arrays.copyOf(parameters, parameters.length + 1);
    arguments[parameters.length] = BATCH;
    int total = 0;
    int deleted;
    do {
      deleted = jdbc.update(delete, arguments);
      total += deleted;
    } while (deleted > 0 && !stopRequested);
    return total;
  }

  private void scheduledPass() {
    if (stopRequested || !pruning.tryLock()) {
      return;
    }
    try {
      prune();
    } catch (RuntimeException e) {
      log.warn("retention pass failed; trying again in {}: {}", retention.interval(), e.toString());
    } finally {
      pruning.unlock();
    }
  }

  @Override
  public void start() {
    stopRequested = false;
    schedule =
        scheduler.scheduleWithFixedDelay(
            this::scheduledPass,
            // soon after start, so that a replica restarted often still prunes
            scheduler
                .getClock()
                .instant()
                .plus(
                    FIRST_PASS_AFTER.compareTo(retention.interval()) < 0
                        ? FIRST_PASS_AFTER
                        : retention.interval()),
            retention.interval());
  }

  /** Raises the stop flag and waits for a pass in progress to reach it. */
  @Override
  public void stop() {
    stopRequested = true;
    ScheduledFuture<?> future = schedule;
    schedule = null;
    if (future != null) {
      future.cancel(false);
    }
    pruning.lock();
    pruning.unlock();
  }

  @Override
  public boolean isRunning() {
    return schedule != null;
  }
}
