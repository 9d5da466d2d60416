package dev.triagebot.bot.recovery;

import dev.triagebot.bot.github.HookDelivery;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The redeliveries the bot asked GitHub for ({@code webhook_redelivery}), one row per event guid:
 * the row is written before the request, so no replica ever asks twice for one event.
 */
public class RedeliveryLog {
  private final JdbcTemplate jdbc;
  private final Clock clock;

  public RedeliveryLog(JdbcTemplate jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /**
   * Takes the event of this failed attempt for this replica to redeliver.
   *
   * @return false when it was asked for before (by any replica)
   */
  public boolean claim(HookDelivery failed) {
    try {
      jdbc.update(
          "INSERT INTO webhook_redelivery"
              + " (guid, attempt_id, event, action, installation_id, outcome, requested_at)"
              + " VALUES (?, ?, ?, ?, ?, 'requested', ?)",
          failed.guid(),
          failed.id(),
          failed.event(),
          failed.action(),
          failed.installationId(),
          OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
      return true;
    } catch (DuplicateKeyException askedBefore) {
      return false;
    }
  }

  /** Records that GitHub refused to redeliver it, and why; it is not asked for again. */
  public void refused(String guid, String why) {
    jdbc.update(
        "UPDATE webhook_redelivery SET outcome = ? WHERE guid = ?",
        why.length() <= 300 ? why : why.substring(0, 300),
        guid);
  }

  /** Gives a claim back after GitHub could not be reached, so that a later sweep asks again. */
  public void release(String guid) {
    jdbc.update("DELETE FROM webhook_redelivery WHERE guid = ?", guid);
  }

  /** Whether this event was asked for. */
  public boolean asked(String guid) {
    Integer rows =
        jdbc.queryForObject(
            "SELECT COUNT(*) FROM webhook_redelivery WHERE guid = ?", Integer.class, guid);
    return rows != null && rows > 0;
  }
}
