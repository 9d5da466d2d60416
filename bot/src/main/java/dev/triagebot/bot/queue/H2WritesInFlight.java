package dev.triagebot.bot.queue;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.db.Store;

/**
 * Waits until the writes of its file that an embedded H2 store began by itself have finished.
 *
 * <p>H2 writes on its own from its background writer and when a transaction leaves many changes
 * unsaved; both hand the chunk to H2's own writer threads and return. A {@code CHECKPOINT} that
 * follows finds nothing left to save and returns at once, while the chunk holding the commits it
 * was called for may not yet be in the file: a process killed then loses them (the likely cause of
 * the one answered delivery in ten that {@code KilledProcessTest} once lost in CI). No SQL
 * statement waits for those threads ({@code CHECKPOINT SYNC} only adds an fsync), so this reaches
 * into H2's engine for the store operation that drains them. These are H2's internal classes
 * (2.4.240): an upgrade that changes them fails to compile here, and {@code DurableCommitsTest}
 * holds a write open to check that the wait still waits.
 */
final class H2WritesInFlight {
  private H2WritesInFlight() {}

  /**
   * Returns once every write H2 had begun before the call is in the file.
   *
   * @param connection a connection to an embedded H2 store; any other store is left alone
   */
  static void await(Connection connection) throws SQLException {
    // Under the store's lock, H2 lets its serializing and writing threads finish what they hold.
    fileBackedStore(connection).ifPresent(store -> store.executeFilestoreOperation(() -> {}));
  }

  /** The store under an embedded H2 connection when it has a file; empty for any other store. */
  static Optional<MVStore> fileBackedStore(Connection connection) throws SQLException {
    if (!connection.isWrapperFor(JdbcConnection.class)
        || !(connection.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal local)) {
      return Optional.empty();
    }
    Store store = local.getDatabase().getStore();
    return Optional.ofNullable(store == null ? null : store.getMvStore())
        .filter(file -> file.getFileStore() != null);
  }
}
