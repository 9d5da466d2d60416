package dev.triagebot.bot.queue;

import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The stored webhook deliveries, keyed by GitHub's delivery id. */
@Component
public class DeliveryLog {
  private static final String INSERT =
      "INSERT INTO webhook_delivery"
          + " (id, event, action, installation_id, repository, payload, received_at)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?)";

  private final JdbcTemplate jdbc;

  public DeliveryLog(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Stores a delivery unless one with its id is already stored. Relies on the primary key rather
   * than a prior look-up, so two concurrent redeliveries cannot both get in. On PostgreSQL a
   * refused insert spoils the surrounding transaction: callers roll it back when this returns
   * false.
   *
   * @return false when the id was already stored
   */
  public boolean insert(StoredDelivery delivery) {
    try {
      jdbc.update(INSERT, columns(delivery));
      return true;
    } catch (DuplicateKeyException alreadyStored) {
      return false;
    }
  }

  /**
   * Stores deliveries in one JDBC batch, for ingress's group commit. Leave out those {@link
   * #stored} names: a duplicate id fails the whole batch.
   *
   * @throws DuplicateKeyException when one of them is stored already
   */
  public void insertAll(List<StoredDelivery> batch) {
    jdbc.batchUpdate(INSERT, batch.stream().map(DeliveryLog::columns).toList());
  }

  private static Object[] columns(StoredDelivery delivery) {
    return new Object[] {
      delivery.id(),
      delivery.event(),
      delivery.action(),
      delivery.installationId(),
      delivery.repository(),
      delivery.payload(),
      Timestamps.toColumn(delivery.receivedAt())
    };
  }

  /** Which of these delivery ids are stored already. */
  public Set<String> stored(Collection<String> deliveryIds) {
    if (deliveryIds.isEmpty()) {
      return Set.of();
    }
    return new HashSet<>(
        jdbc.queryForList(
            "SELECT id FROM webhook_delivery WHERE id IN (" + placeholders(deliveryIds) + ")",
            String.class,
            deliveryIds.toArray()));
  }

  /** {@code ?, ?, ?} for an IN list of these values. */
  static String placeholders(Collection<?> values) {
    return String.join(", ", Collections.nCopies(values.size(), "?"));
  }

  /** Whether a delivery with this id is stored. */
  public boolean contains(String deliveryId) {
    Integer count =
        jdbc.queryForObject(
            "SELECT COUNT(*) FROM webhook_delivery WHERE id = ?", Integer.class, deliveryId);
    return count != null && count > 0;
  }

  /** The stored delivery with this id. */
  public Optional<StoredDelivery> find(String deliveryId) {
    return jdbc
        .query(
            "SELECT id, event, action, installation_id, repository, payload, received_at"
                + " FROM webhook_delivery WHERE id = ?",
            (rs, row) ->
                new StoredDelivery(
                    rs.getString("id"),
                    rs.getString("event"),
                    rs.getString("action"),
                    rs.getObject("installation_id", Long.class),
                    rs.getString("repository"),
                    rs.getBytes("payload"),
                    Timestamps.fromColumn(rs, "received_at")),
            deliveryId)
        .stream()
        .findFirst();
  }
}
