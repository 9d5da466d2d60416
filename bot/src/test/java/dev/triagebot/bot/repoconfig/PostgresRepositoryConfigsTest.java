package dev.triagebot.bot.repoconfig;

import dev.triagebot.bot.queue.MigratedDatabase;

/**
 * The same scenarios with the files cached in PostgreSQL, the store replicas share; runs when
 * {@code TRIAGE_TEST_POSTGRES_URL} is set (always under CI).
 */
class PostgresRepositoryConfigsTest extends RepositoryConfigsTest {
  @Override
  MigratedDatabase openDatabase() {
    return MigratedDatabase.postgres("repo_config_test");
  }
}
