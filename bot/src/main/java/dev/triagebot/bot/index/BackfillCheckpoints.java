package dev.triagebot.bot.index;

import dev.triagebot.bot.queue.Timestamps;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/** Where each repository's backfill stands, in {@code backfill_checkpoint}. */
public class BackfillCheckpoints {
  private final JdbcTemplate jdbc;
  private final Clock clock;

  public BackfillCheckpoints(JdbcTemplate jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /**
   * A backfill's position.
   *
   * @param since GitHub's {@code since} for the next request; null before the first page
   * @param page the next page within {@code since}, from 1
   * @param issuesIndexed issues indexed so far (pull requests not counted)
   * @param itemsSeen items listed so far, pull requests included
   * @param done whether the last page was reached; a re-run then only fetches what changed since
   */
  public record Checkpoint(
      Instant since, int page, int issuesIndexed, int itemsSeen, boolean done) {
    /** Where a first backfill starts. */
    public static final Checkpoint START = new Checkpoint(null, 1, 0, 0, false);
  }

  public Optional<Checkpoint> load(String repository) {
    return jdbc
        .query(
            "SELECT since_at, page, issues_indexed, items_seen, status FROM backfill_checkpoint"
                + " WHERE repository = ?",
            (rs, row) ->
                new Checkpoint(
                    Timestamps.fromColumn(rs, "since_at"),
                    rs.getInt("page"),
                    rs.getInt("issues_indexed"),
                    rs.getInt("items_seen"),
                    "done".equals(rs.getString("status"))),
            repository.toLowerCase(java.util.Locale.ROOT))
        .stream()
        .findFirst();
  }

  public void save(String repository, long installationId, Checkpoint checkpoint) {
    String key = repository.toLowerCase(java.util.Locale.ROOT);
    Object[] values = {
      installationId,
      checkpoint.done() ? "done" : "running",
      Timestamps.toColumn(checkpoint.since()),
      checkpoint.page(),
      checkpoint.issuesIndexed(),
      checkpoint.itemsSeen(),
      Timestamps.toColumn(clock.instant()),
      key
    };
    int updated =
        jdbc.update(
            "UPDATE backfill_checkpoint SET installation_id = ?, status = ?, since_at = ?, page = ?,"
                + " issues_indexed = ?, items_seen = ?, updated_at = ? WHERE repository = ?",
            values);
    if (updated == 0) {
      jdbc.update(
          "INSERT INTO backfill_checkpoint (installation_id, status, since_at, page,"
              + " issues_indexed, items_seen, updated_at, repository)"
              + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
          values);
    }
  }
}
