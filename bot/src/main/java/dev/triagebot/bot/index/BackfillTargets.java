package dev.triagebot.bot.index;

import dev.triagebot.bot.issue.RepositoryRef;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Which installation a repository to backfill is reached through: the one the installation events
 * recorded, or none needed in token mode.
 */
public final class BackfillTargets {
  private final JdbcTemplate jdbc;
  private final boolean appAuth;

  /**
   * @param appAuth whether the bot authenticates as a GitHub App (then an installation must cover
   *     the repository); false in token mode
   */
  public BackfillTargets(JdbcTemplate jdbc, boolean appAuth) {
    this.jdbc = jdbc;
    this.appAuth = appAuth;
  }

  /** The repository as the API is reached for it; empty when no installation covers it. */
  public Optional<RepositoryRef> resolve(String repository) {
    if (!appAuth) {
      return Optional.of(new RepositoryRef(0, repository));
    }
    List<Long> installations =
        jdbc.queryForList(
            "SELECT installation_id FROM installation_repository WHERE LOWER(repository) = LOWER(?)",
            Long.class,
            repository);
    return installations.stream().findFirst().map(id -> new RepositoryRef(id, repository));
  }
}
