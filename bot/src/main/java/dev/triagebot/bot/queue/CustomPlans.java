package dev.triagebot.bot.queue;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Has PostgreSQL plan the rest of the current transaction's statements with their parameters
 * ({@code SET LOCAL plan_cache_mode = force_custom_plan}) rather than with the generic plan it
 * caches for a prepared statement after five executions and keeps until the table is analyzed
 * again.
 *
 * <p>For ingress's group commit: its look-ups by delivery id, job and issue first run while the
 * tables are nearly empty, and the generic plans cached then were sequential scans. Without an
 * analyze (autovacuum off, as on the CI's server) they stayed so: in a burst of 1,000 deliveries a
 * second they took 3.1–3.5 ms and read 430–2,300 pages each, a cost that grows with the table. Only
 * there: set for every statement, the workers' claims got slower plans (0.5–0.9 ms instead of
 * 0.08), since the planner had no statistics either.
 */
@Component
public class CustomPlans {
  private final JdbcTemplate jdbc;
  private final StoreProduct store;

  public CustomPlans(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
    this.store = new StoreProduct(jdbc);
  }

  /** In a transaction: plans its statements from here on with their parameters, on PostgreSQL. */
  public void forThisTransaction() {
    if (store.is(StoreProduct.POSTGRESQL)) {
      jdbc.execute("SET LOCAL plan_cache_mode = force_custom_plan");
    }
  }
}
