package dev.triagebot.bot.webhook;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.OptionalLong;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Which repositories each GitHub App installation covers, kept up to date from {@code installation}
 * and {@code installation_repositories} events.
 */
@Component
public class InstallationCoverage {
  private final JdbcTemplate jdbc;
  private final Clock clock;

  public InstallationCoverage(JdbcTemplate jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** Records that the installation now covers these repositories (again, if it already did). */
  public void cover(long installationId, Collection<String> repositories) {
    OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    uncover(installationId, repositories);
    for (String repository : repositories) {
      jdbc.update(
          "INSERT INTO installation_repository (installation_id, repository, recorded_at)"
              + " VALUES (?, ?, ?)",
          installationId,
          repository,
          now);
    }
  }

  /** Records that the installation no longer covers these repositories. */
  public void uncover(long installationId, Collection<String> repositories) {
    for (String repository : repositories) {
      jdbc.update(
          "DELETE FROM installation_repository WHERE installation_id = ? AND repository = ?",
          installationId,
          repository);
    }
  }

  /** Forgets an uninstalled installation entirely. */
  public void forget(long installationId) {
    jdbc.update("DELETE FROM installation_repository WHERE installation_id = ?", installationId);
  }

  /** The repositories an installation covers, in name order. */
  public List<String> repositoriesOf(long installationId) {
    return jdbc.queryForList(
        "SELECT repository FROM installation_repository WHERE installation_id = ?"
            + " ORDER BY repository",
        String.class,
        installationId);
  }

  /** The installation covering a repository, if one does. */
  public OptionalLong installationFor(String repository) {
    List<Long> ids =
        jdbc.queryForList(
            "SELECT installation_id FROM installation_repository WHERE repository = ?"
                + " ORDER BY recorded_at DESC",
            Long.class,
            repository);
    return ids.isEmpty() ? OptionalLong.empty() : OptionalLong.of(ids.get(0));
  }
}
