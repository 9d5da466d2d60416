package dev.triagebot.bot.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.triagebot.bot.budget.WriteBudgetProperties;
import dev.triagebot.bot.github.GitHubProperties;
import dev.triagebot.bot.queue.QueueProperties;
import dev.triagebot.bot.recovery.RecoveryProperties;
import dev.triagebot.bot.repoconfig.RepositoryConfigProperties;
import dev.triagebot.bot.retention.RetentionProperties;
import dev.triagebot.bot.review.ReviewProperties;
import dev.triagebot.bot.setup.SetupProperties;
import dev.triagebot.bot.triage.GlobalThresholds;
import dev.triagebot.bot.triage.OperatingMode;
import dev.triagebot.bot.triage.TriageMode;
import dev.triagebot.bot.webhook.MissingWebhookSecretException;
import dev.triagebot.bot.webhook.WebhookSecret;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class OperatingModeTest {

  private static TriageProperties settings(TriageMode mode, GitHubProperties github) {
    return new TriageProperties(
        mode,
        github,
        new GlobalThresholds(0.5, 0.85),
        null,
        Path.of("data"),
        new QueueProperties(
            8,
            Duration.ofSeconds(2),
            Duration.ofMinutes(15),
            2,
            Duration.ofMillis(500),
            Duration.ofMinutes(5)),
        new ReviewProperties(
            null, Duration.ofMinutes(5), true, Duration.ofMinutes(10), 20, Duration.ofDays(14)),
        new SetupProperties(null, null, URI.create("https://github.com"), true),
        new RetentionProperties(
            Duration.ofDays(30), Duration.ofDays(30), Duration.ofDays(30), Duration.ofHours(1)),
        new WriteBudgetProperties(60, 400),
        new RecoveryProperties(
            true,
            Duration.ofMinutes(5),
            Duration.ofSeconds(30),
            Duration.ofHours(72),
            10,
            50,
            Duration.ofMinutes(15),
            Duration.ofMinutes(10),
            100),
        new RepositoryConfigProperties(Duration.ofMinutes(10)));
  }

  private static GitHubProperties github(String secret, String token) {
    return new GitHubProperties(
        secret, null, null, null, token, URI.create("https://api.github.com"));
  }

  @Test
  void withoutCredentialsTheModeIsDryRunAndSaysWhy() {
    OperatingMode mode = OperatingMode.resolve(null, github(null, null));

    assertThat(mode.mode()).isEqualTo(TriageMode.DRY_RUN);
    assertThat(mode.reason()).contains("no GitHub credentials").contains("TRIAGE_GITHUB_TOKEN");
  }

  @Test
  void withCredentialsAndNoModeSetTheModeIsSuggest() {
    OperatingMode mode = OperatingMode.resolve(null, github("s", "ghs_token"));

    assertThat(mode.mode()).isEqualTo(TriageMode.SUGGEST);
    assertThat(mode.displayName()).isEqualTo("suggest");
  }

  @Test
  void anExplicitModeWinsOverCredentials() {
    assertThat(OperatingMode.resolve(TriageMode.DRY_RUN, github("s", "ghs_token")).mode())
        .isEqualTo(TriageMode.DRY_RUN);
    assertThat(OperatingMode.resolve(TriageMode.APPLY, github("s", null)).reason())
        .contains("triage.mode");
  }

  @Test
  void dryRunWithoutASecretVerifiesWithTheDevelopmentSecret() {
    TriageProperties settings = settings(null, github(null, null));

    WebhookSecret secret =
        WebhookSecret.resolve(
            settings.github(), OperatingMode.resolve(settings.mode(), settings.github()));

    assertThat(secret.development()).isTrue();
    assertThat(secret.key()).isEqualTo("dev-secret".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aConfiguredSecretIsUsedInEveryMode() {
    TriageProperties settings = settings(TriageMode.APPLY, github("the-real-secret", "ghs_token"));

    WebhookSecret secret =
        WebhookSecret.resolve(
            settings.github(), OperatingMode.resolve(settings.mode(), settings.github()));

    assertThat(secret.development()).isFalse();
    assertThat(secret.key()).isEqualTo("the-real-secret".getBytes(StandardCharsets.UTF_8));
    assertThat(secret.toString()).doesNotContain("the-real-secret");
  }

  @Test
  void suggestModeWithoutASecretIsRefusedNamingTheVariableToSet() {
    TriageProperties settings = settings(null, github(" ", "ghs_token"));

    assertThatThrownBy(
            () ->
                WebhookSecret.resolve(
                    settings.github(), OperatingMode.resolve(settings.mode(), settings.github())))
        .isInstanceOf(MissingWebhookSecretException.class)
        .hasMessageContaining("TRIAGE_GITHUB_WEBHOOK_SECRET")
        .hasMessageContaining("suggest");
  }
}
