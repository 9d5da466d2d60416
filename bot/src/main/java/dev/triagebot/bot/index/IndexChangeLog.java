package dev.triagebot.bot.index;

import dev.triagebot.bot.queue.Timestamps;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
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
   * @param repository the repository the delivery names, as stored; empty when it names none
   * @param payload its stored body
   * @param attempts how often applying it failed before
   */
  public record Pending(
      long id, String deliveryId, String event, String repository, byte[] payload, int attempts) {}

  /** The oldest changes not yet applied nor parked, at most {@code limit}, oldest first. */
  public List<Pending> pending(int limit) {
    return pending(0, limit);
  }

  /**
   * The oldest changes after {@code afterId} not yet applied nor parked, at most {@code limit},
   * oldest first.
   */
  public List<Pending> pending(long afterId, int limit) {
    return jdbc.query(
        "SELECT c.id, c.delivery_id, c.attempts, d.event, d.repository, d.payload"
            + " FROM similar_index_change c JOIN webhook_delivery d ON d.id = c.delivery_id"
            + " WHERE c.applied_at IS NULL AND c.parked_at IS NULL AND c.id > ?"
            + " ORDER BY c.id LIMIT ?",
        (rs, row) ->
            new Pending(
                rs.getLong("id"),
                rs.getString("delivery_id"),
                rs.getString("event"),
                Objects.requireNonNullElse(rs.getString("repository"), ""),
                rs.getBytes("payload"),
                rs.getInt("attempts")),
        afterId,
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
    jdbc.update(
        "UPDATE similar_index_change SET attempts = attempts + 1, last_error = ? WHERE id = ?",
        shortened(error),
        id);
  }

  /** Counts a last failed attempt and parks the change: it is not tried again. */
  public void park(long id, String error) {
    jdbc.update(
        "UPDATE similar_index_change SET attempts = attempts + 1, last_error = ?, parked_at = ?"
            + " WHERE id = ?",
        shortened(error),
        Timestamps.toColumn(clock.instant()),
        id);
  }

  /**
   * A change given up on.
   *
   * @param deliveryId its delivery
   * @param repository the repository the delivery names; empty when none
   * @param attempts how often it failed
   * @param error why it failed the last time
   */
  public record Parked(String deliveryId, String repository, int attempts, String error) {}

  /** The parked changes, oldest first. */
  public List<Parked> parked() {
    return jdbc.query(
        "SELECT c.delivery_id, d.repository, c.attempts, c.last_error"
            + " FROM similar_index_change c JOIN webhook_delivery d ON d.id = c.delivery_id"
            + " WHERE c.parked_at IS NOT NULL ORDER BY c.id",
        (rs, row) ->
            new Parked(
                rs.getString("delivery_id"),
                Objects.requireNonNullElse(rs.getString("repository"), ""),
                rs.getInt("attempts"),
                rs.getString("last_error")),
        new Object[0]);
  }

  /** How many changes are not applied yet and not parked. */
  public int backlog() {
    return jdbc.queryForObject(
        "SELECT COUNT(*) FROM similar_index_change WHERE applied_at IS NULL AND parked_at IS NULL",
        Integer.class);
  }

  private static String shortened(String error) {
    return error.length() > MAX_ERROR ? error.substring(0, MAX_ERROR) : error;
  }
}
