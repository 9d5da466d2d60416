package dev.triagebot.bot.queue;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/** Which database the store is, asked of its driver at the first question. */
final class StoreProduct {
  static final String H2 = "H2";
  static final String POSTGRESQL = "PostgreSQL";

  private final JdbcTemplate jdbc;
  private volatile String name;

  StoreProduct(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Whether the store is this product, as its driver names it ({@link #H2}, {@link #POSTGRESQL}).
   */
  boolean is(String product) {
    if (name == null) {
      name =
          jdbc.execute(
              (ConnectionCallback<String>)
                  connection -> connection.getMetaData().getDatabaseProductName());
    }
    return product.equals(name);
  }
}
