package dev.triagebot.bot.queue;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Makes every transaction committed so far survive the process being killed, for the one moment
 * that needs it: before GitHub is told that a delivery is stored, since GitHub never sends it again
 * by itself.
 *
 * <p>PostgreSQL makes each commit durable on its own, so this does nothing there. The embedded H2
 * store writes commits to its file every {@code WRITE_DELAY} ms instead ({@link
 * dev.triagebot.bot.config.EmbeddedStoreLocation}); here it writes them at once ({@code
 * CHECKPOINT}) and waits for any write H2 had already begun on its own ({@link H2WritesInFlight}),
 * which may be the one holding them. Everything else the bot commits can wait for the next write: a
 * job whose settling is lost to a crash runs again, as a crash just before that commit would make
 * it, and the executor finds its own comment by its marker.
 */
@Component
public class DurableCommits {
  private final JdbcTemplate jdbc;

  /** H2 writes commits to its file later than they return. */
  private final StoreProduct store;

  public DurableCommits(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
    this.store = new StoreProduct(jdbc);
  }

  /**
   * Whether each {@link #flush} is a write of the store's file of its own (H2), so that fewer
   * flushes cost less; PostgreSQL's commits are durable on their own.
   */
  public boolean flushWritesTheFile() {
    return store.is(StoreProduct.H2);
  }

  /**
   * Returns once everything committed before the call is in the store's file.
   *
   * @throws org.springframework.dao.DataAccessException when the store could not write it
   */
  public void flush() {
    if (flushWritesTheFile()) {
      jdbc.execute("CHECKPOINT");
      jdbc.execute(
          (ConnectionCallback<Void>)
              connection -> {
                H2WritesInFlight.await(connection);
                return null;
              });
    }
  }
}
