package dev.triagebot.bot.recovery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.TaskScheduler;

/**
 * Runs the redelivery sweep and the reconciliation on Spring's {@link TaskScheduler}, each with a
 * fixed delay between runs. Stopping sets a flag that a run checks between requests; a run is never
 * interrupted.
 */
public final class RecoverySchedule implements SmartLifecycle {
  private static final Logger log = LoggerFactory.getLogger(RecoverySchedule.class);

  private final TaskScheduler scheduler;
  private final RedeliverySweep sweep;
  private final IssueReconciliation reconciliation;
  private final RecoveryProperties settings;
  private final List<ScheduledFuture<?>> scheduled = new ArrayList<>();
  private volatile boolean running;
  private volatile boolean swept;

  public RecoverySchedule(
      TaskScheduler scheduler,
      RedeliverySweep sweep,
      IssueReconciliation reconciliation,
      RecoveryProperties settings) {
    this.scheduler = scheduler;
    this.sweep = sweep;
    this.reconciliation = reconciliation;
    this.settings = settings;
  }

  /** One sweep; a failure is logged and the next run tries again. */
  public void sweepOnce() {
    try {
      RedeliverySweep.Result result = sweep.sweep(this::isRunning);
      swept = true;
      if (result.redelivered() > 0 || result.refused() > 0) {
        log.info(
            "redelivery sweep: {} page(s) read, {} failed event(s), {} redelivery(ies) asked for,"
                + " {} refused",
            result.pagesRead(),
            result.failedEvents(),
            result.redelivered(),
            result.refused());
      }
    } catch (RuntimeException failure) {
      log.warn("redelivery sweep failed; the next one tries again: {}", failure.getMessage());
    }
  }

  /**
   * One reconciliation of every repository, once a sweep of this process has succeeded (what GitHub
   * can redeliver comes back through its own delivery); a failure is logged and the next run tries
   * again.
   */
  public void reconcileOnce() {
    if (!swept) {
      log.info("reconciliation waits for a redelivery sweep to succeed first");
      return;
    }
    try {
      int queued = reconciliation.reconcileAll(this::isRunning);
      if (queued > 0) {
        log.info("reconciliation queued {} issue(s) no delivery had brought", queued);
      }
    } catch (RuntimeException failure) {
      log.warn("reconciliation failed; the next one tries again: {}", failure.getMessage());
    }
  }

  @Override
  public synchronized void start() {
    running = true;
    var now = scheduler.getClock().instant();
    scheduled.add(
        scheduler.scheduleWithFixedDelay(
            this::sweepOnce, now.plus(settings.sweepDelay()), settings.sweepInterval()));
    Duration firstReconciliation = settings.quietPeriod().plus(settings.sweepDelay());
    scheduled.add(
        scheduler.scheduleWithFixedDelay(
            this::reconcileOnce, now.plus(firstReconciliation), settings.reconcileInterval()));
    log.info(
        "missed-delivery recovery: redelivery sweep every {}, reconciliation every {}",
        settings.sweepInterval(),
        settings.reconcileInterval());
  }

  @Override
  public synchronized void stop() {
    running = false;
    scheduled.forEach(future -> future.cancel(false));
    scheduled.clear();
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
