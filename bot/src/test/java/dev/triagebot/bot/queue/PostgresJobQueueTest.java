package dev.triagebot.bot.queue;

/**
 * The queue and the migrations on PostgreSQL, in a schema of its own; runs when {@code
 * TRIAGE_TEST_POSTGRES_URL} is set and skips loudly otherwise.
 */
class PostgresJobQueueTest extends JobQueueContract {

  @Override
  protected MigratedDatabase openDatabase() {
    return MigratedDatabase.postgres("queue_test");
  }
}
