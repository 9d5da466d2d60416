package dev.triagebot.bot.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

class ReactionPollingScheduleTest {
  private final ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();

  ReactionPollingScheduleTest() {
    scheduler.initialize();
  }

  @AfterEach
  void shutDown() {
    scheduler.shutdown();
  }

  @Test
  void roundsComeAfterAFailedOneAndStopComingOnceStopped() throws Exception {
    AtomicInteger rounds = new AtomicInteger();
    CountDownLatch threeRounds = new CountDownLatch(3);
    ReactionPollingSchedule schedule =
        new ReactionPollingSchedule(
            () ->
                () -> {
                  rounds.incrementAndGet();
                  threeRounds.countDown();
                  if (rounds.get() == 1) {
                    throw new IllegalStateException("GitHub answered 502");
                  }
                },
            scheduler,
            Duration.ZERO,
            Clock.systemUTC());

    schedule.start();

    assertThat(schedule.isRunning()).isTrue();
    assertThat(threeRounds.await(10, TimeUnit.SECONDS))
        .as("rounds go on after the first one failed")
        .isTrue();
    schedule.stop();
    int afterStop = rounds.get();
    Thread.sleep(2 * ReactionPollingSchedule.SHORTEST_INTERVAL.toMillis() + 200);
    assertThat(schedule.isRunning()).isFalse();
    assertThat(rounds.get()).as("no round after stop").isLessThanOrEqualTo(afterStop + 1);
  }

  @Test
  void aRoundInProgressIsNotInterruptedByStop() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger interrupted = new AtomicInteger();
    ReactionPollingSchedule schedule =
        new ReactionPollingSchedule(
            () ->
                () -> {
                  started.countDown();
                  try {
                    release.await(10, TimeUnit.SECONDS);
                  } catch (InterruptedException e) {
                    interrupted.incrementAndGet();
                  }
                },
            scheduler,
            Duration.ZERO,
            Clock.systemUTC());
    schedule.start();
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

    schedule.stop();
    release.countDown();
    scheduler.shutdown();
    scheduler.getScheduledExecutor().awaitTermination(10, TimeUnit.SECONDS);

    assertThat(interrupted.get()).isZero();
  }
}
