package dev.triagebot.bot.webhook;

import dev.triagebot.bot.queue.MigratedDatabase;

/**
 * Group commit on PostgreSQL, in a schema of its own; runs when {@code TRIAGE_TEST_POSTGRES_URL} is
 * set and skips loudly otherwise.
 */
class PostgresGroupCommitTest extends GroupCommitContract {
  @Override
  protected MigratedDatabase openDatabase() {
    return MigratedDatabase.postgres("group_commit_test");
  }
}
