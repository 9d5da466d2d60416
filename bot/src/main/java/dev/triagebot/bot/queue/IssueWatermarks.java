package dev.triagebot.bot.queue;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Per issue, the newest {@code updated_at} of an issue state the bot has acted on ({@code
 * issue_watermark}). GitHub does not deliver events in order; a job whose snapshot is older than
 * the watermark would overwrite a newer comment with an older one, so it is skipped. Jobs of one
 * issue never run at once (the queue's running-issue index), so look-then-act is safe here.
 */
@Component
public class IssueWatermarks {
  private final JdbcTemplate jdbc;
  private final Clock clock;

  public IssueWatermarks(JdbcTemplate jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** The newest state handled for the issue, if any. */
  public Optional<Instant> newest(String issueKey) {
    return jdbc
        .query(
            "SELECT updated_at FROM issue_watermark WHERE issue_key = ?",
            (rs, row) -> Timestamps.fromColumn(rs, "updated_at"),
            issueKey)
        .stream()
        .findFirst();
  }

  /** Whether a snapshot from {@code updatedAt} is older than one already handled. */
  public boolean isStale(String issueKey, Instant updatedAt) {
    return updatedAt != null && newest(issueKey).filter(updatedAt::isBefore).isPresent();
  }

  /** Records that the issue's state of {@code updatedAt} was handled; never moves backwards. */
  public void handled(String issueKey, Instant updatedAt) {
    if (updatedAt == null) {
      return;
    }
    var at = Timestamps.toColumn(updatedAt);
    var now = Timestamps.toColumn(clock.instant());
    int moved =
        jdbc.update(
            "UPDATE issue_watermark SET updated_at = ?, recorded_at = ?"
                + " WHERE issue_key = ? AND updated_at < ?",
            at,
            now,
            issueKey,
            at);
    if (moved == 0 && newest(issueKey).isEmpty()) {
      try {
        jdbc.update(
            "INSERT INTO issue_watermark (issue_key, updated_at, recorded_at) VALUES (?, ?, ?)",
            issueKey,
            at,
            now);
      } catch (DuplicateKeyException raced) {
        handled(issueKey, updatedAt);
      }
    }
  }
}
