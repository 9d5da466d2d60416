package dev.triagebot.bot.index;

import dev.triagebot.bot.queue.Timestamps;
import java.time.Clock;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The durable list of index changes in {@code similar_index_change}: recorded by ingress in the
 * transaction that stores the delivery, read back and marked applied by {@link IndexUpkeep}.
 */
public class IndexChangeLog {
  private static final int MAX_ERROR = 2000;

  private final JdbcTemplate jdbc;
  private final Clock clock;

  public IndexChangeLog(JdbcTemplate jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** Records that this stored delivery changes the index. Call it in the storing transaction. */
  public void record(String deliveryId) {
    jdbc.update(
        "INSERT INTO similar_index_change (delivery_id, attempts, created_at) VALUES (?, 0, ?)",
        deliveryId,
        Timestamps.toColumn(clock.instant()));
  }

  /**
   * A change not applied yet, with its delivery.
   *
   * @param id the change's number, in the order deliveries arrived
   * @param deliveryId the delivery
   * @param event its event
   * @param payload its stored body
   * @param attempts how often applying it failed before
   */
  public record Pending(long id, String deliveryId, String event, byte[] payload, int attempts) {}

  /** The oldest changes not yet applied, at most {@code limit}, oldest first. */
  public List<Pending> pending(int limit) {
    return jdbc.query(
        "SELECT c.id, c.delivery_id, c.attempts, d.event, d.payload FROM similar_index_change c"
            + " JOIN webhook_delivery d ON d.id = c.delivery_id"
            + " WHERE c.applied_at IS NULL ORDER BY c.id LIMIT ?",
        (rs, row) ->
            new Pending(
                rs.getLong("id"),
                rs.getString("delivery_id"),
                rs.getString("event"),
                rs.getBytes("payload"),
                rs.getInt("attempts")),
        limit);
  }

  /** Marks a change applied. */
  public void applied(long id) {
    jdbc.update(
        "UPDATE similar_index_change SET applied_at = ? WHERE id = ?",
        Timestamps.toColumn(clock.instant()),
        id);
  }

  /** Counts a failed attempt; the change stays pending and is tried again. */
  public void failed(long id, String error) {
    String shortened = error.length() > MAX_ERROR ? error.substring(0, MAX_ERROR) : error;
    jdbc.update(
        "UPDATE similar_index_change SET attempts = attempts + 1, last_error = ? WHERE id = ?",
        shortened,
        id);
  }

  /** How many changes are not applied yet. */
  public int backlog() {
    return jdbc.queryForObject(
        "SELECT COUNT(*) FROM similar_index_change WHERE applied_at IS NULL", Integer.class);
  }
}
