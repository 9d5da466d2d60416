package dev.triagebot.bot.index;

import dev.triagebot.bot.queue.MigratedDatabase;
import dev.triagebot.classifier.similar.IndexedIssue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * How long a fresh replica (empty data dir) takes to rebuild its similar-issue index from the
 * store: N synthetic issues are recorded as backfill pages would be, then a new replica's upkeep
 * runs one round. Not a test: run it with {@code scripts/rebuild-from-store.sh [N]}, on the
 * PostgreSQL named by {@code TRIAGE_TEST_POSTGRES_URL} (a schema of its own, dropped afterwards),
 * else on an in-memory H2.
 */
public final class RebuildFromStoreBenchmark {
  private static final String REPO = "bench/widgets";
  private static final int PAGE = 100;

  private RebuildFromStoreBenchmark() {}

  public static void main(String[] args) throws IOException {
    int count = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    boolean postgres = System.getenv(MigratedDatabase.POSTGRES_URL_VARIABLE) != null;
    Path dataDir = Files.createTempDirectory("rebuild-bench");
    ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
    scheduler.initialize();
    try (MigratedDatabase database =
        postgres ? MigratedDatabase.postgres("rebuild_bench") : MigratedDatabase.h2()) {
      KnownIssues issues =
          new KnownIssues(database.jdbc(), database.transaction().getTransactionManager());
      // A sample through the backfill's own write path, for its rate; the rest in JDBC batches,
      // as the same rows, so that loading 100,000 does not dominate the run.
      SplittableRandom random = new SplittableRandom(42);
      int sample = Math.min(count, 2_000);
      long started = System.nanoTime();
      for (int from = 1; from <= sample; from += PAGE) {
        List<IndexChange> page = new ArrayList<>(PAGE);
        for (int number = from; number < Math.min(sample + 1, from + PAGE); number++) {
          page.add(new IndexChange.Upsert(REPO, issue(number, random)));
        }
        database.transaction().executeWithoutResult(status -> issues.recordAll(REPO, page));
      }
      double sampleSeconds = seconds(started);
      started = System.nanoTime();
      long version = issues.version(REPO);
      List<Object[]> rows = new ArrayList<>();
      for (int number = sample + 1; number <= count; number++) {
        IndexedIssue issue = issue(number, random);
        rows.add(
            new Object[] {
              REPO,
              number,
              issue.title(),
              issue.body(),
              issue.state().toGitHub(),
              "[]",
              issue.authorAssociation(),
              dev.triagebot.bot.queue.Timestamps.toColumn(issue.createdAt()),
              dev.triagebot.bot.queue.Timestamps.toColumn(issue.updatedAt()),
              version
            });
        if (rows.size() == 1_000 || number == count) {
          database
              .jdbc()
              .batchUpdate(
                  "INSERT INTO known_issue (repository, issue_number, title, body, state, labels,"
                      + " author_association, created_at, updated_at, removed, version)"
                      + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, FALSE, ?)",
                  rows);
          rows.clear();
        }
      }
      System.out.printf(
          Locale.ROOT,
          "stored %d synthetic issues on %s: %d through KnownIssues.recordAll in pages of %d"
              + " (%.0f issues/s), the rest in JDBC batches (%.1f s)%n",
          count,
          postgres ? "PostgreSQL" : "H2 (in memory)",
          sample,
          PAGE,
          sample / sampleSeconds,
          seconds(started));

      started = System.nanoTime();
      int read = 0;
      for (IndexedIssue ignored : issues.current(REPO, 2_000)) {
        read++;
      }
      double readOnly = seconds(started);

      try (RepositoryIndexes indexes = new RepositoryIndexes(dataDir)) {
        IndexUpkeep fresh =
            new IndexUpkeep(
                issues,
                indexes,
                new ParkedIssues(database.jdbc(), Clock.systemUTC()),
                "bench-replica",
                scheduler,
                Duration.ofSeconds(1),
                Clock.systemUTC());
        started = System.nanoTime();
        int rebuilt = fresh.applyPending();
        double rebuild = seconds(started);
        System.out.printf(
            Locale.ROOT,
            "fresh replica rebuilt %d issues from the store in %.1f s (%.0f issues/s);"
                + " reading them alone takes %.1f s (%d rows); index on disk %d MB; backlog after:"
                + " %d%n",
            rebuilt,
            rebuild,
            rebuilt / rebuild,
            readOnly,
            read,
            size(dataDir) / (1024 * 1024),
            fresh.backlog());
      }
    } finally {
      scheduler.shutdown();
    }
  }

  private static double seconds(long since) {
    return (System.nanoTime() - since) / 1e9;
  }

  private static long size(Path directory) throws IOException {
    try (Stream<Path> files = Files.walk(directory)) {
      return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
    }
  }

  // A small Zipf-like vocabulary: a few words very often, many rarely; bodies of 40–200 words.
  private static final String[] WORDS =
      ("the to and a it is in of that this for on with not but when after can from mcp server"
              + " oauth token auth login browser config settings json file terminal session prompt"
              + " model tool command hook permission bash shell windows macos linux docker vscode"
              + " diff edit context compact resume history scroll render paste clipboard image"
              + " keyboard timeout error crash hang freeze slow cpu memory leak stdout log debug"
              + " stack trace exception undefined null failed refused denied invalid missing"
              + " expired callback redirect port localhost proxy network reconnect disconnected"
              + " theme color unicode markdown npm node python install upgrade sandbox keychain")
          .split(" ");

  private static IndexedIssue issue(int number, SplittableRandom random) {
    Instant updated = Instant.parse("2024-01-01T00:00:00Z").plusSeconds(number * 60L);
    return new IndexedIssue(
        number,
        text(random, 5 + random.nextInt(8)),
        text(random, 40 + random.nextInt(160)) + " case-" + Integer.toString(number, 36),
        random.nextInt(10) < 7 ? IndexedIssue.State.CLOSED : IndexedIssue.State.OPEN,
        null,
        random.nextInt(3) == 0 ? List.of("area:" + WORDS[random.nextInt(WORDS.length)]) : List.of(),
        "NONE",
        updated.minusSeconds(3600),
        updated,
        null);
  }

  private static String text(SplittableRandom random, int words) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < words; i++) {
      double u = random.nextDouble();
      int index = (int) (WORDS.length * u * u * u); // skewed towards the first words
      text.append(i == 0 ? "" : " ").append(WORDS[index]);
      if (random.nextInt(12) == 0) {
        text.append(" x").append(Integer.toString(random.nextInt(50_000), 36));
      }
    }
    return text.toString();
  }
}
