package dev.triagebot.bot.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.triagebot.bot.github.AppHookDeliveries;
import dev.triagebot.bot.github.GitHubCalls;
import dev.triagebot.bot.github.GitHubProperties;
import dev.triagebot.bot.github.GitHubUnavailableException;
import dev.triagebot.bot.github.StatefulGitHub;
import dev.triagebot.bot.github.TestKeys;
import dev.triagebot.bot.queue.DeliveryLog;
import dev.triagebot.bot.queue.MigratedDatabase;
import dev.triagebot.bot.queue.StoredDelivery;
import dev.triagebot.bot.webhook.WebhookFixtures;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sweep over the App's delivery log, with the real store (H2) and the stateful fake GitHub,
 * whose every attempt fails (nothing listens on the webhook): what is asked for, once, and what is
 * never asked for.
 */
class RedeliverySweepTest {
  static final long APP_ID = 123456;

  MigratedDatabase database;
  StatefulGitHub github;
  DeliveryLog stored;
  RedeliveryLog asked;

  @BeforeEach
  void start() {
    database = MigratedDatabase.h2();
    stored = new DeliveryLog(database.jdbc());
    asked = new RedeliveryLog(database.jdbc(), Clock.systemUTC());
    github = new StatefulGitHub(APP_ID);
    github.webhook(URI.create("http://127.0.0.1:9/github/webhook"), "secret");
  }

  @AfterEach
  void stop() {
    github.close();
    database.close();
  }

  private RedeliverySweep sweep(int maxRedeliveries) {
    return new RedeliverySweep(
        AppHookDeliveries.connect(
            new GitHubProperties(
                "secret", APP_ID, TestKeys.pkcs8Pem(), null, null, github.apiUrl()),
            Clock.systemUTC(),
            GitHubCalls.NONE),
        stored,
        asked,
        new RecoveryProperties(
            true,
            Duration.ofMinutes(5),
            Duration.ZERO,
            Duration.ofHours(72),
            10,
            maxRedeliveries,
            Duration.ofMinutes(15),
            Duration.ofMinutes(10),
            100),
        Clock.systemUTC());
  }

  private void failedDelivery(String guid) {
    github.deliver("issues", guid, WebhookFixtures.bytes("issues-opened-mcp-startup-timeout.json"));
  }

  @Test
  void eachFailedEventIsAskedForOnceOldestFirstAcrossRunsAndReplicas() {
    failedDelivery("guid-a");
    failedDelivery("guid-b");
    failedDelivery("guid-c");

    RedeliverySweep.Result first = sweep(2).sweep(() -> true);
    // the redeliveries failed too (the service is still down): their events are not asked again
    RedeliverySweep.Result second = sweep(2).sweep(() -> true);
    RedeliverySweep.Result third = sweep(2).sweep(() -> true);

    assertThat(first.redelivered()).as("bounded per run").isEqualTo(2);
    assertThat(second.redelivered()).isEqualTo(1);
    assertThat(third.redelivered()).isZero();
    assertThat(github.redeliveriesAsked()).hasSize(3);
    assertThat(github.deliveryLog())
        .filteredOn(attempt -> Boolean.TRUE.equals(attempt.get("redelivery")))
        .extracting(attempt -> attempt.get("guid"))
        .containsExactly("guid-c", "guid-b", "guid-a");
  }

  @Test
  void eventsTheStoreHoldsOrThatSucceededLaterAreNeverAskedFor() {
    failedDelivery("guid-stored");
    failedDelivery("guid-missing");
    stored.insert(
        new StoredDelivery(
            "guid-stored", "issues", "opened", 1L, "o/r", new byte[] {'{', '}'}, Instant.now()));

    sweep(10).sweep(() -> true);

    assertThat(asked.asked("guid-stored")).isFalse();
    assertThat(asked.asked("guid-missing")).isTrue();
    assertThat(github.redeliveriesAsked()).hasSize(1);
  }

  @Test
  void anOutageGivesTheClaimBackForTheNextSweep() {
    failedDelivery("guid-a");
    RedeliverySweep sweep = sweep(10);
    github.outage(true);

    assertThatThrownBy(() -> sweep.sweep(() -> true))
        .isInstanceOf(GitHubUnavailableException.class);
    github.outage(false);

    assertThat(asked.asked("guid-a")).isFalse();
    assertThat(sweep.sweep(() -> true).redelivered()).isEqualTo(1);
  }

  @Test
  void aStoppedSweepAsksForNothingMore() {
    failedDelivery("guid-a");

    assertThat(sweep(10).sweep(() -> false).redelivered()).isZero();
    assertThat(github.redeliveriesAsked()).isEmpty();
  }
}
