package dev.triagebot.bot.queue;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A look-up first run on an empty table, as the group commit's are at start, must not keep the plan
 * made for it then: PostgreSQL's generic plan for a nearly empty table is a sequential scan. The
 * PostgreSQL case needs {@code TRIAGE_TEST_POSTGRES_URL} (CI sets it) and skips loudly otherwise.
 */
class CustomPlansTest {
  private static final String LOOKUP = "SELECT id FROM delivery WHERE id IN (?, ?)";

  @Test
  void aTransactionPlansItsLookUpsWithTheirParametersWhereOthersKeepAGenericPlan() {
    String url = MigratedDatabase.postgresUrl("planning look-ups on PostgreSQL");
    assertThat(genericPlans(url, false))
        .as("without it PostgreSQL switches to a generic plan, which this test relies on")
        .isPositive();
    assertThat(genericPlans(url, true)).isZero();
  }

  @Test
  void doesNothingOnH2() {
    try (MigratedDatabase h2 = MigratedDatabase.h2()) {
      CustomPlans plans = new CustomPlans(h2.jdbc());
      h2.transaction()
          .executeWithoutResult(
              status -> {
                plans.forThisTransaction();
                assertThat(
                        h2.jdbc()
                            .queryForObject("SELECT COUNT(*) FROM webhook_delivery", Long.class))
                    .isZero();
              });
    }
  }

  /** Runs the look-up in twenty transactions on an empty table; the generic plans it got. */
  private static long genericPlans(String url, boolean custom) {
    String schema =
        "plans_" + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema);
    config.setMaximumPoolSize(1); // one connection: its prepared statements are the ones counted
    try (HikariDataSource pool = new HikariDataSource(config)) {
      JdbcTemplate jdbc = new JdbcTemplate(pool);
      TransactionTemplate transaction =
          new TransactionTemplate(new DataSourceTransactionManager(pool));
      jdbc.execute("CREATE SCHEMA " + schema);
      try {
        jdbc.execute("CREATE TABLE " + schema + ".delivery (id VARCHAR(100) PRIMARY KEY)");
        CustomPlans plans = new CustomPlans(jdbc);
        for (int i = 0; i < 20; i++) {
          String a = "a" + i;
          String b = "b" + i;
          transaction.executeWithoutResult(
              status -> {
                if (custom) {
                  plans.forThisTransaction();
                }
                assertThat(jdbc.queryForList(LOOKUP, String.class, a, b)).isEmpty();
              });
        }
        return jdbc.queryForObject(
            "SELECT COALESCE(SUM(generic_plans), 0) FROM pg_prepared_statements"
                + " WHERE statement LIKE 'SELECT id FROM delivery WHERE id IN%'",
            Long.class);
      } finally {
        jdbc.execute("DROP SCHEMA " + schema + " CASCADE");
      }
    }
  }
}
