package dev.triagebot.bot.queue;

/** The queue on the embedded H2 store, the default deployment. */
class H2JobQueueTest extends JobQueueContract {

  @Override
  protected MigratedDatabase openDatabase() {
    return MigratedDatabase.h2();
  }
}
