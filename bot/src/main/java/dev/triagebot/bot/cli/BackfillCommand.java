package dev.triagebot.bot.cli;

import dev.triagebot.bot.config.TriageProperties;
import dev.triagebot.bot.github.GitHubCalls;
import dev.triagebot.bot.github.GitHubRestOperations;
import dev.triagebot.bot.index.BackfillCheckpoints;
import dev.triagebot.bot.index.BackfillRepository;
import dev.triagebot.bot.index.BackfillTargets;
import dev.triagebot.bot.index.RepositoryIndexes;
import dev.triagebot.bot.issue.RepositoryRef;
import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * {@code backfill --repo owner/name}: indexes every issue of an installed repository, resuming from
 * its checkpoint. Lucene lets one process write an index, so it runs while the service is stopped
 * (the service's own upkeep then continues from the webhooks); with the service running, use its
 * {@code POST /admin/backfill} instead.
 */
@Command(
    name = "backfill",
    mixinStandardHelpOptions = true,
    description = {
      "Index every issue of the repository (open and closed), resumable from its checkpoint.",
      "Stop the service first, or start it inside the running service:"
          + " POST /admin/backfill?repo=OWNER/NAME (bearer token).",
      "Spring settings such as --triage.data-dir=DIR choose the store."
    })
final class BackfillCommand implements Callable<Integer> {
  private static final String DEFAULT_RESERVE = "500";

  @Spec CommandSpec spec;

  @Option(
      names = "--repo",
      required = true,
      paramLabel = "OWNER/NAME",
      description = "the repository to index")
  String repository;

  @Option(
      names = "--reserve",
      paramLabel = "N",
      defaultValue = DEFAULT_RESERVE,
      description =
          "pause when fewer than N API requests are left, kept for live triage"
              + " (default: ${DEFAULT-VALUE})")
  int reserve;

  @Unmatched List<String> springArguments = new ArrayList<>();

  private final PrintStream err;

  BackfillCommand(PrintStream err) {
    this.err = err;
  }

  @Override
  public Integer call() {
    String[] configuration = SpringArguments.validated(spec, springArguments);
    if (!repository.matches("[\\w.-]+/[\\w.-]+")) {
      throw new ParameterException(
          spec.commandLine(), "--repo must be OWNER/NAME; got '" + repository + "'");
    }
    return StoreAccess.withStore(
        StoreCommandApplication.WithSettings.class, "backfill", configuration, err, this::run);
  }

  private int run(ConfigurableApplicationContext store) {
    TriageProperties properties = store.getBean(TriageProperties.class);
    Clock clock = store.getBean(Clock.class);
    JdbcTemplate jdbc = store.getBean(JdbcTemplate.class);
    if (!properties.github().hasCredentials()) {
      err.println(
          "backfill needs GitHub credentials: TRIAGE_GITHUB_APP_ID with"
              + " TRIAGE_GITHUB_PRIVATE_KEY_PATH, or TRIAGE_GITHUB_TOKEN");
      return TriageBotCommand.USAGE;
    }
    Optional<RepositoryRef> target =
        new BackfillTargets(jdbc, properties.github().appId() != null).resolve(repository);
    if (target.isEmpty()) {
      err.println("no App installation covers " + repository + " (install the App on it first)");
      return TriageBotCommand.USAGE;
    }
    BackfillRepository backfill =
        new BackfillRepository(
            GitHubRestOperations.connect(properties.github(), clock, GitHubCalls.NONE),
            new BackfillCheckpoints(jdbc, clock),
            reserve,
            clock,
            duration -> Thread.sleep(duration.toMillis()),
            err);
    try (RepositoryIndexes indexes = new RepositoryIndexes(properties.dataDir())) {
      backfill.run(target.get(), indexes.forRepository(repository));
      return TriageBotCommand.OK;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("backfill interrupted; run it again to resume from the checkpoint");
      return TriageBotCommand.FAILED;
    } catch (RuntimeException e) {
      err.println(
          "backfill stopped: " + e.getMessage() + "\nrun it again to resume from the checkpoint");
      return TriageBotCommand.FAILED;
    }
  }
}
