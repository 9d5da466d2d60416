package dev.triagebot.bot.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.triagebot.bot.webhook.WebhookFixtures;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A database with the production migrations applied, for tests that need the store but not Spring:
 * a private in-memory H2, or a schema of its own in the PostgreSQL named by {@code
 * TRIAGE_TEST_POSTGRES_URL} (dropped on close).
 */
public final class MigratedDatabase implements AutoCloseable {
  public static final String POSTGRES_URL_VARIABLE = "TRIAGE_TEST_POSTGRES_URL";
  private static final Pattern SCAN_COUNT = Pattern.compile("scanCount: (\\d+)");

  private final HikariDataSource dataSource;
  private final String schema;

  private MigratedDatabase(String jdbcUrl, String schema) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl);
    config.setMaximumPoolSize(8);
    this.dataSource = new HikariDataSource(config);
    this.schema = schema;
    var flyway = Flyway.configure().dataSource(dataSource).locations("classpath:db/migration");
    if (schema != null) {
      flyway = flyway.schemas(schema).createSchemas(true);
    }
    flyway.load().migrate();
  }

  /** A fresh in-memory H2 database. */
  public static MigratedDatabase h2() {
    return new MigratedDatabase("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", null);
  }

  /** A fresh schema in the test PostgreSQL; skips the test loudly (fails under CI) without one. */
  public static MigratedDatabase postgres(String schemaPrefix) {
    String url = postgresUrl("the PostgreSQL store");
    String schema =
        (schemaPrefix + "_" + UUID.randomUUID().toString().substring(0, 8))
            .toLowerCase(Locale.ROOT);
    String separator = url.contains("?") ? "&" : "?";
    return new MigratedDatabase(url + separator + "currentSchema=" + schema, schema);
  }

  /**
   * The test PostgreSQL's JDBC URL; skips the calling test loudly without one, and fails it under
   * CI, whose {@code .ci/run} always starts PostgreSQL and sets it.
   *
   * @param what what goes untested without it, for the message
   */
  public static String postgresUrl(String what) {
    String url = System.getenv(POSTGRES_URL_VARIABLE);
    if (url == null || url.isBlank()) {
      String why =
          "SKIPPED LOUDLY: " + POSTGRES_URL_VARIABLE + " is not set, so " + what + " is not tested";
      if (System.getenv("CI") != null) {
        throw new AssertionError(why + ", and CI always sets it");
      }
      System.err.println(why);
      assumeTrue(false, why);
    }
    return url;
  }

  /**
   * Runs {@code query} under H2's {@code EXPLAIN ANALYZE} and asserts that it read at most {@code
   * rows} rows; the plan is the failure's message.
   */
  public void assertReadsAtMost(int rows, String query, Object... args) {
    String plan = jdbc().queryForObject("EXPLAIN ANALYZE " + query, String.class, args);
    Matcher scanned = SCAN_COUNT.matcher(plan);
    assertThat(scanned.find()).as(plan).isTrue();
    assertThat(Integer.parseInt(scanned.group(1))).as(plan).isLessThanOrEqualTo(rows);
  }

  public JdbcTemplate jdbc() {
    return new JdbcTemplate(dataSource);
  }

  /**
   * Stores the fixture {@code issues-opened-mcp-startup-timeout.json} as an {@code issues opened}
   * delivery received at {@code at} and queues its triage job in one transaction, as ingress does.
   *
   * @param issueKey the issue the job is about; null for none
   * @return the job's number
   */
  public long queueIssueDelivery(JobQueue queue, String deliveryId, Instant at, String issueKey) {
    byte[] payload = WebhookFixtures.bytes("issues-opened-mcp-startup-timeout.json");
    DeliveryLog deliveries = new DeliveryLog(jdbc());
    return transaction()
        .execute(
            status -> {
              deliveries.insert(
                  new StoredDelivery(
                      deliveryId,
                      "issues",
                      "opened",
                      58213947L,
                      "anthropics/claude-code",
                      payload,
                      at));
              return queue.enqueue(deliveryId, JobKind.TRIAGE, issueKey);
            });
  }

  /** Its JDBC URL (for PostgreSQL, with its own schema as the current one), for a service. */
  public String jdbcUrl() {
    return dataSource.getJdbcUrl();
  }

  public TransactionTemplate transaction() {
    return new TransactionTemplate(new DataSourceTransactionManager(dataSource));
  }

  @Override
  public void close() {
    if (schema != null) {
      jdbc().execute("DROP SCHEMA " + schema + " CASCADE");
    }
    dataSource.close();
  }
}
