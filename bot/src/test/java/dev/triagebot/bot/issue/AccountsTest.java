package dev.triagebot.bot.issue;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AccountsTest {
  @Test
  void anAccountOfTypeBotIsABotInWhateverCaseGitHubSpellsIt() {
    assertThat(Accounts.isBot("Bot", "dependabot")).isTrue();
    assertThat(Accounts.isBot("bot", "renovate")).isTrue();
  }

  @Test
  void anAppsLoginIsABotEvenWhereThePayloadOmitsTheType() {
    assertThat(Accounts.isBot(null, "triage-bot[bot]")).isTrue();
    assertThat(Accounts.isBot("User", "Some-App[BOT]")).isTrue();
  }

  @Test
  void aPersonIsNoBotEvenWithBotInTheirName() {
    assertThat(Accounts.isBot("User", "robot-fan")).isFalse();
    assertThat(Accounts.isBot("User", "botanist")).isFalse();
    assertThat(Accounts.isBot(null, null)).isFalse();
    assertThat(Accounts.isBot("Organization", "bot")).isFalse();
  }
}
