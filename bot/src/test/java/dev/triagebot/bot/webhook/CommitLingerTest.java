package dev.triagebot.bot.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The linger waits only while ingress is busy and up to its time from the first delivery; unset, it
 * is 4 ms where each commit writes the file and none elsewhere.
 */
class CommitLingerTest {
  @Test
  void whileBusyItWaitsUntilItsTimeAfterTheFirstDeliveryArrived() {
    CommitLinger linger = new CommitLinger(Duration.ofMillis(100), () -> true);
    long queuedAt = System.nanoTime();

    linger.await(queuedAt, false);

    assertThat(Duration.ofNanos(System.nanoTime() - queuedAt))
        .isGreaterThanOrEqualTo(Duration.ofMillis(100));
  }

  @Test
  void aDeliveryThatWaitedLongerAlreadyIsNotHeldAgain() {
    CommitLinger linger = new CommitLinger(Duration.ofSeconds(10), () -> true);
    long queuedLongAgo = System.nanoTime() - Duration.ofSeconds(11).toNanos();

    long start = System.nanoTime();
    linger.await(queuedLongAgo, false);

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void whenQuietOrWithAFullBatchItReturnsAtOnce() {
    long start = System.nanoTime();

    new CommitLinger(Duration.ofSeconds(10), () -> false).await(System.nanoTime(), false);
    new CommitLinger(Duration.ofSeconds(10), () -> true).await(System.nanoTime(), true);

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void unsetItLingersOnlyWhereEachCommitWritesTheFile() {
    assertThat(CommitLinger.of(null, true, () -> true).atMost()).isEqualTo(Duration.ofMillis(4));
    assertThat(CommitLinger.of(null, false, () -> true).atMost()).isZero();
    assertThat(CommitLinger.of(Duration.ofMillis(2), false, () -> true).atMost())
        .isEqualTo(Duration.ofMillis(2));
    assertThat(CommitLinger.of(Duration.ZERO, true, () -> true).atMost()).isZero();
  }
}
