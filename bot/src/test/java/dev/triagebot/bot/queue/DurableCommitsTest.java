package dev.triagebot.bot.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * On an H2 file store that writes commits later (as the embedded default does, here with a delay
 * long enough that only the flush can write them), a flushed commit survives a crash and one
 * committed after the flush does not, including a commit that a write H2 began by itself holds; on
 * PostgreSQL a flush runs nothing.
 */
class DurableCommitsTest {
  /** Commits reach the file only when flushed, or when a test has H2 write them. */
  private static final String DELAYED = ";WRITE_DELAY=600000";

  @TempDir Path dir;

  @Test
  void aFlushedCommitSurvivesACrashThatLosesTheCommitsAfterIt() {
    JdbcTemplate store = open();
    DurableCommits durable = new DurableCommits(store);
    store.execute("CREATE TABLE delivery (id VARCHAR(20) PRIMARY KEY)");
    store.update("INSERT INTO delivery VALUES ('flushed')");
    durable.flush();
    store.update("INSERT INTO delivery VALUES ('not flushed')");

    crash(store);

    assertThat(open().queryForList("SELECT id FROM delivery", String.class))
        .containsExactly("flushed");
  }

  @Test
  void aFlushWaitsForTheWriteH2BeganOnItsOwnWhichHoldsTheCommit() throws Exception {
    // given a commit that H2 took into a write of its own, as its background writer does, and a
    // file system that holds that write unfinished
    JdbcTemplate store = open(HeldWritesFilePath.url(dir.resolve("store").toString(), DELAYED));
    DurableCommits durable = new DurableCommits(store);
    store.execute("CREATE TABLE delivery (id VARCHAR(20) PRIMARY KEY)");
    durable.flush();
    store.update("INSERT INTO delivery VALUES ('answered')");
    HeldWritesFilePath.hold();
    try {
      store.execute(
          (ConnectionCallback<Long>)
              connection -> H2WritesInFlight.fileBackedStore(connection).orElseThrow().tryCommit());
      HeldWritesFilePath.awaitAWriteHeld(Duration.ofSeconds(10));

      // when the commit is flushed before its delivery is answered
      CompletableFuture<Void> flushed = CompletableFuture.runAsync(durable::flush);

      // then the flush returns only once that write is in the file
      Thread.sleep(500);
      assertThat(flushed)
          .as("the flush returned while the write holding the commit had not reached the file")
          .isNotDone();
      HeldWritesFilePath.release();
      flushed.get(10, TimeUnit.SECONDS);
    } finally {
      HeldWritesFilePath.release();
    }
    crash(store);
    assertThat(open().queryForList("SELECT id FROM delivery", String.class))
        .containsExactly("answered");
  }

  @Test
  void onPostgresqlWhoseCommitsAreDurableItAsksNothingOfTheStore() {
    // CHECKPOINT there is a superuser's whole-database write: every delivery would fail or wait.
    try (MigratedDatabase postgres = MigratedDatabase.postgres("durable")) {
      List<String> statements = new ArrayList<>();

      DurableCommits durable = new DurableCommits(recording(postgres.jdbc(), statements));
      durable.flush();

      assertThat(statements).isEmpty();
      assertThat(durable.flushWritesTheFile()).isFalse();
    }
  }

  @Test
  void onH2ItWritesTheFile() {
    List<String> statements = new ArrayList<>();

    DurableCommits durable = new DurableCommits(recording(open(), statements));
    durable.flush();

    assertThat(statements).containsExactly("CHECKPOINT");
    assertThat(durable.flushWritesTheFile()).isTrue();
  }

  /** One connection throughout: H2 closes a database, writing everything, when its last goes. */
  private JdbcTemplate open() {
    return open("jdbc:h2:file:" + dir.resolve("store") + DELAYED);
  }

  private static JdbcTemplate open(String url) {
    return new JdbcTemplate(new SingleConnectionDataSource(url, "sa", "", true));
  }

  /** The store, noting each statement run on it without parameters. */
  private static JdbcTemplate recording(JdbcTemplate store, List<String> statements) {
    return new JdbcTemplate(store.getDataSource()) {
      @Override
      public void execute(String sql) {
        statements.add(sql);
        super.execute(sql);
      }
    };
  }

  /** Closes the files without writing what waits, as a killed process leaves them. */
  private static void crash(JdbcTemplate store) {
    store.execute("SHUTDOWN IMMEDIATELY");
  }
}
