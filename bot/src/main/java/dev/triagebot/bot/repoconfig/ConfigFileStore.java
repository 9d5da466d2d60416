package dev.triagebot.bot.repoconfig;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The cached configuration files and the audit of their reads, in {@code repository_config_file}
 * and {@code repository_config_audit} (migration {@code V12__repository_config.sql}). Shared by all
 * replicas: any of them may read a file, and all use what it read.
 */
final class ConfigFileStore {
  private final JdbcClient jdbc;
  private final Clock clock;

  ConfigFileStore(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  Optional<CachedConfigFile> find(String repository) {
    return jdbc.sql("SELECT * FROM repository_config_file WHERE repository = :repository")
        .param("repository", repository)
        .query(ConfigFileStore::row)
        .optional();
  }

  /** Every file whose last version read is not in force, oldest problem first. */
  List<ConfigProblem> problems() {
    return jdbc
        .sql(
            "SELECT * FROM repository_config_file WHERE problem IS NOT NULL"
                + " ORDER BY problem_since, repository")
        .query(ConfigFileStore::row)
        .list()
        .stream()
        .map(CachedConfigFile::problem)
        .toList();
  }

  /** Stores what was read: a new version, in force or with its problem. */
  void save(CachedConfigFile file) {
    int updated =
        bind(
                jdbc.sql(
                    """
                    UPDATE repository_config_file SET installation_id = :installationId,
                        present = :present, etag = :etag, good_text = :goodText,
                        problem_line = :problemLine, problem = :problem,
                        problem_since = :problemSince, checked_at = :checkedAt, stale = :stale
                    WHERE repository = :repository
                    """),
                file)
            .update();
    if (updated == 0) {
      try {
        bind(
                jdbc.sql(
                    """
                    INSERT INTO repository_config_file (repository, installation_id, present, etag,
                        good_text, problem_line, problem, problem_since, checked_at, stale)
                    VALUES (:repository, :installationId, :present, :etag, :goodText,
                        :problemLine, :problem, :problemSince, :checkedAt, :stale)
                    """),
                file)
            .update();
      } catch (DuplicateKeyException raced) {
        // Another replica stored its read first; the later read wins, as it would have anyway.
        save(file);
      }
    }
  }

  /**
   * Marks a file changed by a push, in the delivery's transaction: its next read skips the ETag. A
   * file never read needs no mark; its first read is unconditional anyway.
   */
  void markStale(String repository) {
    jdbc.sql("UPDATE repository_config_file SET stale = TRUE WHERE repository = :repository")
        .param("repository", repository)
        .update();
  }

  /** Records a read that changed what is known of a file. */
  void audit(String repository, String path, String outcome, ConfigProblem problem, String etag) {
    jdbc.sql(
            """
            INSERT INTO repository_config_audit (recorded_at, repository, path, outcome, line,
                problem, etag)
            VALUES (:recordedAt, :repository, :path, :outcome, :line, :problem, :etag)
            """)
        .param("recordedAt", column(clock.instant()))
        .param("repository", repository)
        .param("path", path)
        .param("outcome", outcome)
        .param("line", problem == null ? null : problem.line())
        .param("problem", problem == null ? null : problem.problem())
        .param("etag", etag)
        .update();
  }

  private static JdbcClient.StatementSpec bind(
      JdbcClient.StatementSpec statement, CachedConfigFile file) {
    ConfigProblem problem = file.problem();
    return statement
        .param("repository", file.repository())
        .param("installationId", file.installationId())
        .param("present", file.present())
        .param("etag", file.etag())
        .param("goodText", file.goodText())
        .param("problemLine", problem == null ? null : problem.line())
        .param("problem", problem == null ? null : clip(problem.problem()))
        .param("problemSince", problem == null ? null : column(problem.since()))
        .param("checkedAt", column(file.checkedAt()))
        .param("stale", file.stale());
  }

  private static String clip(String text) {
    return text.length() <= 1000 ? text : text.substring(0, 999) + "…";
  }

  private static CachedConfigFile row(ResultSet rs, int row) throws SQLException {
    String repository = rs.getString("repository");
    String problem = rs.getString("problem");
    return new CachedConfigFile(
        repository,
        rs.getLong("installation_id"),
        rs.getBoolean("present"),
        rs.getString("etag"),
        rs.getString("good_text"),
        problem == null
            ? null
            : new ConfigProblem(
                repository + "/" + RepositoryConfigs.PATH,
                rs.getInt("problem_line"),
                problem,
                instant(rs, "problem_since")),
        instant(rs, "checked_at"),
        rs.getBoolean("stale"));
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  private static OffsetDateTime column(Instant instant) {
    return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }
}
