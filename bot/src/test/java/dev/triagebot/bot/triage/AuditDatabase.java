package dev.triagebot.bot.triage;

import dev.triagebot.bot.queue.MigratedDatabase;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** A migrated database for audit tests: H2 in memory, or PostgreSQL in a schema of its own. */
final class AuditDatabase {
  private AuditDatabase() {}

  /** A fresh in-memory H2 database with every migration applied. */
  static JdbcClient h2() {
    DataSource dataSource =
        new DriverManagerDataSource(
            "jdbc:h2:mem:audit-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
    migrate(dataSource, null);
    return JdbcClient.create(dataSource);
  }

  /**
   * A fresh schema in the PostgreSQL that CI provides, migrated; skips loudly where none is
   * configured, and fails under CI.
   */
  static Postgres postgres() {
    String url = MigratedDatabase.postgresUrl("the audit on PostgreSQL");
    String schema = "audit_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    String separator = url.contains("?") ? "&" : "?";
    DataSource dataSource =
        new DriverManagerDataSource(url + separator + "currentSchema=" + schema);
    migrate(dataSource, schema);
    return new Postgres(JdbcClient.create(dataSource), schema);
  }

  private static void migrate(DataSource dataSource, String schema) {
    var configuration =
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration");
    if (schema != null) {
      configuration.schemas(schema).createSchemas(true);
    }
    configuration.load().migrate();
  }

  /** A PostgreSQL schema to drop when done. */
  record Postgres(JdbcClient jdbc, String schema) implements AutoCloseable {
    @Override
    public void close() {
      jdbc.sql("DROP SCHEMA " + schema + " CASCADE").update();
    }
  }
}
