package dev.triagebot.bot.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.triagebot.bot.github.HookDelivery;
import dev.triagebot.bot.queue.DeliveryLog;
import dev.triagebot.bot.queue.JobQueue;
import dev.triagebot.bot.queue.MigratedDatabase;
import dev.triagebot.bot.queue.MutableClock;
import dev.triagebot.bot.queue.StoredDelivery;
import dev.triagebot.bot.queue.Timestamps;
import dev.triagebot.bot.recovery.RedeliveryLog;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * Retention deletes what is past its time and nothing the bot still needs: given deliveries, jobs
 * and audit rows of various ages and states, when a pass runs, then exactly the old finished ones
 * are gone.
 */
class StorePruningTest {
  private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");

  private final MigratedDatabase database = MigratedDatabase.h2();
  private final MutableClock clock = new MutableClock(NOW.minus(Duration.ofDays(40)));
  private final JobQueue queue = new JobQueue(database.jdbc(), clock);
  private final RetentionProperties thirtyDays =
      new RetentionProperties(
          Duration.ofDays(30), Duration.ofDays(30), Duration.ofDays(30), Duration.ofHours(1));

  @AfterEach
  void close() {
    database.close();
  }

  @Test
  void oldFinishedWorkIsPrunedWhileOpenParkedAndRecentWorkAndTheIdsOfTheLast30DaysStay() {
    // given, 40 days ago: a finished job, a parked one, a queued one, an audit row
    long finishedOld = queued("old-done", NOW.minus(Duration.ofDays(40)));
    long parkedOld = queued("old-parked", NOW.minus(Duration.ofDays(40)));
    queued("old-queued", NOW.minus(Duration.ofDays(40)));
    audit("old-done", NOW.minus(Duration.ofDays(40)));
    // and, 10 days ago, a finished job and its audit row
    long finishedRecent = queued("recent-done", NOW.minus(Duration.ofDays(10)));
    audit("recent-done", NOW.minus(Duration.ofDays(10)));
    // and redeliveries asked of GitHub 40 and 10 days ago
    redeliveryAsked("old-guid", NOW.minus(Duration.ofDays(40)));
    redeliveryAsked("recent-guid", NOW.minus(Duration.ofDays(10)));
    status(finishedOld, "done");
    status(parkedOld, "failed");
    status(finishedRecent, "done");

    // when a pass runs now
    clock.set(NOW);
    StorePruning.Pruned pruned = pruning().prune();

    // then only the old finished delivery, its job, the old audit row and redelivery are gone
    assertThat(pruned).isEqualTo(new StorePruning.Pruned(1, 1, 1, 0, 1));
    assertThat(ids("SELECT guid FROM webhook_redelivery")).containsExactly("recent-guid");
    assertThat(ids("SELECT id FROM webhook_delivery ORDER BY id"))
        .containsExactly("old-parked", "old-queued", "recent-done");
    assertThat(ids("SELECT delivery_id FROM triage_audit")).containsExactly("recent-done");
    // and a redelivery of a recent id is still recognised as one
    assertThat(new DeliveryLog(database.jdbc()).insert(delivery("recent-done", NOW))).isFalse();
    // and a second pass finds nothing more
    assertThat(pruning().prune().total()).isZero();
  }

  @Test
  void deliveriesCannotBeKeptForLessThanTheThirtyDaysRedeliveriesAreRecognisedIn() {
    assertThatThrownBy(
            () ->
                new RetentionProperties(
                    Duration.ofDays(7),
                    Duration.ofDays(7),
                    Duration.ofDays(7),
                    Duration.ofHours(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("triage.retention.deliveries")
        .hasMessageContaining("at least 30 days");
  }

  private StorePruning pruning() {
    return new StorePruning(database.jdbc(), thirtyDays, new ThreadPoolTaskScheduler(), clock);
  }

  private long queued(String id, Instant at) {
    return database.queueIssueDelivery(queue, id, at, null);
  }

  private void status(long job, String status) {
    database.jdbc().update("UPDATE triage_job SET status = ? WHERE id = ?", status, job);
  }

  private void audit(String deliveryId, Instant at) {
    database
        .jdbc()
        .update(
            "INSERT INTO triage_audit (delivery_id, installation_id, repository, issue_number,"
                + " action, recorded_at, outcome, matches, plan, executed)"
                + " VALUES (?, 1, 'acme/widgets', 1, 'opened', ?, 'DONE', '[]', '{}', '{}')",
            deliveryId,
            Timestamps.toColumn(at));
  }

  private void redeliveryAsked(String guid, Instant at) {
    clock.set(at);
    new RedeliveryLog(database.jdbc(), clock)
        .claim(new HookDelivery(guid.hashCode(), guid, at, false, 502, "issues", "opened", 1L));
  }

  private List<String> ids(String query) {
    return database.jdbc().queryForList(query, String.class);
  }

  private static StoredDelivery delivery(String id, Instant at) {
    return new StoredDelivery(
        id, "issues", "opened", 1L, "acme/widgets", new byte[] {'{', '}'}, at);
  }
}
