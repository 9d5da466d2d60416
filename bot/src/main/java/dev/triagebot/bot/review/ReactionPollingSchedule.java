package dev.triagebot.bot.review;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.TaskScheduler;

/**
 * Runs reaction polling rounds on Spring's scheduler while the service runs (GitHub sends no
 * webhook for reactions). A failed round is logged and the next one comes; stopping cancels the
 * rounds to come without interrupting one in progress, so a round never stops inside a GitHub call.
 */
public final class ReactionPollingSchedule implements SmartLifecycle {
  private static final Logger log = LoggerFactory.getLogger(ReactionPollingSchedule.class);

  /** Rounds closer together than this would only spend the rate limit. */
  static final Duration SHORTEST_INTERVAL = Duration.ofSeconds(1);

  private final Supplier<Runnable> round;
  private final TaskScheduler scheduler;
  private final Duration every;
  private final Clock clock;
  private volatile ScheduledFuture<?> rounds;

  /**
   * @param round one round of {@link ReactionPolling#pollIfDue}, made at start (it needs the
   *     service's GitHub client)
   */
  public ReactionPollingSchedule(
      Supplier<Runnable> round, TaskScheduler scheduler, Duration every, Clock clock) {
    this.round = round;
    this.scheduler = scheduler;
    this.every = every.compareTo(SHORTEST_INTERVAL) < 0 ? SHORTEST_INTERVAL : every;
    this.clock = clock;
  }

  @Override
  public void start() {
    Runnable poll = round.get();
    rounds =
        scheduler.scheduleWithFixedDelay(
            () -> {
              try {
                poll.run();
              } catch (RuntimeException failure) {
                log.error("reaction polling failed; trying again next round", failure);
              }
            },
            clock.instant().plus(every),
            every);
  }

  @Override
  public void stop() {
    ScheduledFuture<?> scheduled = rounds;
    if (scheduled != null) {
      scheduled.cancel(false);
      rounds = null;
    }
  }

  @Override
  public boolean isRunning() {
    return rounds != null;
  }

  /** When polling is off (no credentials, or turned off): nothing to start. */
  public static final class Off implements SmartLifecycle {
    @Override
    public void start() {}

    @Override
    public void stop() {}

    @Override
    public boolean isRunning() {
      return false;
    }
  }
}
