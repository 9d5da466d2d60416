package dev.triagebot.bot.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.triagebot.bot.queue.GitHubCircuitBreaker.State;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class GitHubCircuitBreakerTest {
  final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T08:00:00Z"));
  final GitHubCircuitBreaker breaker =
      new GitHubCircuitBreaker(3, Duration.ofSeconds(30), Duration.ofMinutes(2), clock);

  @Test
  void consecutiveFailuresAcrossJobsOpenItAndASuccessInBetweenStartsTheCountAgain() {
    breaker.failedTransiently("503");
    breaker.failedTransiently("503");
    breaker.succeeded();
    breaker.failedTransiently("503");
    breaker.failedTransiently("503");
    assertThat(breaker.mayClaim()).isTrue();

    breaker.failedTransiently("503");

    assertThat(breaker.state()).isEqualTo(State.OPEN);
    assertThat(breaker.mayClaim()).isFalse();
    assertThat(breaker.details()).containsEntry("state", "OPEN").containsKey("nextProbe");
  }

  @Test
  void afterThePauseOneProbeRunsAndEachFailedProbeDoublesThePauseUpToTheMaximum() {
    open();
    clock.advance(Duration.ofSeconds(30));
    assertThat(breaker.mayClaim()).as("the probe").isTrue();
    assertThat(breaker.mayClaim()).as("only one probe at a time").isFalse();

    breaker.failedTransiently("503");
    clock.advance(Duration.ofSeconds(59));
    assertThat(breaker.mayClaim()).as("the pause doubled to 60 s").isFalse();
    clock.advance(Duration.ofSeconds(1));
    assertThat(breaker.mayClaim()).isTrue();
    breaker.failedTransiently("503");
    clock.advance(Duration.ofMinutes(2));
    assertThat(breaker.mayClaim()).isTrue();
    breaker.failedTransiently("503");
    clock.advance(Duration.ofMinutes(2));
    assertThat(breaker.mayClaim()).as("capped at 2 min").isTrue();
  }

  @Test
  void aProbeThatFindsNoJobLeavesTheBreakerOpenAndASuccessfulOneClosesIt() {
    open();
    clock.advance(Duration.ofSeconds(30));
    assertThat(breaker.mayClaim()).isTrue();
    breaker.probeUnused();
    assertThat(breaker.state()).isEqualTo(State.OPEN);

    assertThat(breaker.mayClaim()).isTrue();
    breaker.succeeded();

    assertThat(breaker.state()).isEqualTo(State.CLOSED);
    assertThat(breaker.mayClaim()).isTrue();
    assertThat(breaker.mayClaim()).isTrue();
  }

  @Test
  void onlyTheThreadHoldingTheProbeCanGiveItBack() throws Exception {
    open();
    clock.advance(Duration.ofSeconds(30));
    assertThat(breaker.mayClaim()).isTrue();

    Thread other = new Thread(breaker::probeUnused);
    other.start();
    other.join();

    assertThat(breaker.state()).as("a job another worker started earlier").isEqualTo(State.PROBING);
    breaker.probeUnused();
    assertThat(breaker.state()).isEqualTo(State.OPEN);
  }

  private void open() {
    for (int i = 0; i < 3; i++) {
      breaker.failedTransiently("503");
    }
    assertThat(breaker.state()).isEqualTo(State.OPEN);
  }
}
