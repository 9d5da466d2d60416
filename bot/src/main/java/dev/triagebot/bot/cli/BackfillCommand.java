package dev.triagebot.bot.cli;

import dev.triagebot.bot.config.TriageProperties;
import dev.triagebot.bot.github.GitHubApiOperations;
import dev.triagebot.bot.github.RepositoryRef;
import dev.triagebot.bot.index.BackfillCheckpoints;
import dev.triagebot.bot.index.BackfillRepository;
import dev.triagebot.bot.index.BackfillTargets;
import dev.triagebot.bot.index.RepositoryIndexes;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code backfill --repo owner/name}: indexes every issue of an installed repository, resuming from
 * its checkpoint. Lucene lets one process write an index, so it runs while the service is stopped
 * (the service's own upkeep then continues from the webhooks); with the service running, use its
 * {@code POST /admin/backfill} instead.
 */
final class BackfillCommand {
  static final Set<String> OPTIONS = Set.of("repo", "reserve");
  private static final int DEFAULT_RESERVE = 500;

  static String usage() {
    return "backfill --repo OWNER/NAME [--reserve N]\n"
        + "    index every issue of the repository (open and closed), resumable; pauses when fewer\n"
        + "    than N (default "
        + DEFAULT_RESERVE
        + ") API requests are left for live triage. Stop the service first, or start\n"
        + "    it inside the running service: POST /admin/backfill?repo=OWNER/NAME (bearer token).";
  }

  int run(ConfigurableApplicationContext store, CommandOptions options, PrintStream err) {
    String repository = options.require("repo");
    int reserve = (int) options.number("reserve").orElse(DEFAULT_RESERVE);
    TriageProperties properties = store.getBean(TriageProperties.class);
    Clock clock = store.getBean(Clock.class);
    JdbcTemplate jdbc = store.getBean(JdbcTemplate.class);
    if (!properties.github().hasCredentials()) {
      err.println(
          "backfill needs GitHub credentials: TRIAGE_GITHUB_APP_ID with"
              + " TRIAGE_GITHUB_PRIVATE_KEY_PATH, or TRIAGE_GITHUB_TOKEN");
      return 2;
    }
    Optional<RepositoryRef> target =
        new BackfillTargets(jdbc, properties.github().appId() != null).resolve(repository);
    if (target.isEmpty()) {
      err.println("no App installation covers " + repository + " (install the App on it first)");
      return 2;
    }
    BackfillRepository backfill =
        new BackfillRepository(
            GitHubApiOperations.connect(properties.github(), clock),
            new BackfillCheckpoints(jdbc, clock),
            reserve,
            clock,
            duration -> Thread.sleep(duration.toMillis()),
            err);
    try (RepositoryIndexes indexes = new RepositoryIndexes(properties.dataDir())) {
      backfill.run(target.get(), indexes.forRepository(repository));
      return 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("backfill interrupted; run it again to resume from the checkpoint");
      return 1;
    } catch (RuntimeException e) {
      err.println(
          "backfill stopped: " + e.getMessage() + "\nrun it again to resume from the checkpoint");
      return 1;
    }
  }
}
