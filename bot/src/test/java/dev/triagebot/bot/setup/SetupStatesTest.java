package dev.triagebot.bot.setup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.triagebot.bot.queue.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class SetupStatesTest {
  final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T09:00:00Z"));
  final SetupStates states = new SetupStates(clock);

  @Test
  void aStateIsRedeemedOnceOnly() {
    String state = states.issue();

    assertThat(states.redeem(state)).isTrue();
    assertThat(states.redeem(state)).isFalse();
  }

  @Test
  void aStateNotIssuedHereOrMissingIsRefused() {
    states.issue();

    assertThat(states.redeem("made-up")).isFalse();
    assertThat(states.redeem(null)).isFalse();
  }

  @Test
  void aStateExpiresWithTheHourGitHubsCodeLives() {
    String fresh = states.issue();
    String old = states.issue();

    clock.advance(Duration.ofMinutes(59));
    assertThat(states.redeem(fresh)).isTrue();
    clock.advance(Duration.ofMinutes(1));
    assertThat(states.redeem(old)).isFalse();
  }

  @Test
  void statesAreUnguessableAndBoundedInNumber() {
    List<String> issued = new ArrayList<>();
    for (int i = 0; i < SetupStates.MAX_OPEN + 10; i++) {
      issued.add(states.issue());
    }

    assertThat(new HashSet<>(issued)).hasSize(issued.size());
    assertThat(issued.get(0)).matches("[A-Za-z0-9_-]{32}");
    // The oldest were dropped to keep the number bounded; the newest still work.
    assertThat(states.redeem(issued.get(0))).isFalse();
    assertThat(states.redeem(issued.get(issued.size() - 1))).isTrue();
  }
}
