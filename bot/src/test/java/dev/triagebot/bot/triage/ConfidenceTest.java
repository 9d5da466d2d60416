package dev.triagebot.bot.triage;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConfidenceTest {
  @Test
  void aConfidenceIsShownAsAWholePercentRoundedDownSoNothingReadsAsCertain() {
    assertThat(Confidence.percent(0.996)).isEqualTo("99%");
    assertThat(Confidence.percent(0.93)).isEqualTo("93%");
    assertThat(Confidence.percent(0.29)).as("no binary-fraction slip to 28%").isEqualTo("29%");
    assertThat(Confidence.percent(1.0)).isEqualTo("100%");
    assertThat(Confidence.percent(0.0)).isEqualTo("0%");
  }
}
