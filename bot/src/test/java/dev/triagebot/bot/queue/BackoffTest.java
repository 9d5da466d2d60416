package dev.triagebot.bot.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BackoffTest {
  private static final Duration INITIAL = Duration.ofSeconds(2);
  private static final Duration MAX = Duration.ofMinutes(15);
  private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");

  @Test
  void delayDoublesAfterEachFailureWithTheUpperHalfAsJitter() {
    Backoff leastJitter = new Backoff(INITIAL, MAX, () -> 0.0);
    Backoff mostJitter = new Backoff(INITIAL, MAX, () -> 0.999_999);

    assertThat(leastJitter.delayAfter(1)).isEqualTo(Duration.ofSeconds(1));
    assertThat(mostJitter.delayAfter(1)).isBetween(Duration.ofMillis(1998), Duration.ofSeconds(2));
    assertThat(leastJitter.delayAfter(2)).isEqualTo(Duration.ofSeconds(2));
    assertThat(leastJitter.delayAfter(3)).isEqualTo(Duration.ofSeconds(4));
    assertThat(mostJitter.delayAfter(3)).isBetween(Duration.ofMillis(7990), Duration.ofSeconds(8));
  }

  @Test
  void delayNeverExceedsTheMaximumHoweverManyFailures() {
    Backoff backoff = new Backoff(INITIAL, MAX, () -> 0.999_999);

    assertThat(backoff.delayAfter(10)).isLessThanOrEqualTo(MAX);
    assertThat(backoff.delayAfter(1_000)).isLessThanOrEqualTo(MAX).isGreaterThan(MAX.dividedBy(2));
  }

  @Test
  void nextRunHonoursTheTimeGitHubNamedWhenItIsLater() {
    Backoff backoff = new Backoff(INITIAL, MAX, () -> 0.5);
    Instant rateLimitReset = NOW.plus(Duration.ofHours(1));

    assertThat(backoff.nextRun(NOW, 1, Optional.of(rateLimitReset))).isEqualTo(rateLimitReset);
  }

  @Test
  void nextRunKeepsTheBackoffWhenGitHubsTimeIsEarlier() {
    Backoff backoff = new Backoff(INITIAL, MAX, () -> 0.5);

    assertThat(backoff.nextRun(NOW, 1, Optional.of(NOW.plusMillis(10))))
        .isEqualTo(NOW.plusMillis(1500));
    assertThat(backoff.nextRun(NOW, 1, Optional.empty())).isEqualTo(NOW.plusMillis(1500));
  }

  @Test
  void refusesAMaximumBelowTheInitialDelay() {
    assertThatThrownBy(() -> new Backoff(MAX, INITIAL, () -> 0.5))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
