package dev.triagebot.bot.webhook;

import dev.triagebot.bot.queue.MigratedDatabase;

/** Group commit on the embedded H2 store. */
class H2GroupCommitTest extends GroupCommitContract {
  @Override
  protected MigratedDatabase openDatabase() {
    return MigratedDatabase.h2();
  }
}
