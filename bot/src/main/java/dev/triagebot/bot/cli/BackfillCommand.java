package dev.triagebot.bot.cli;

import dev.triagebot.bot.config.TriageProperties;
import dev.triagebot.bot.github.GitHubCalls;
import dev.triagebot.bot.github.GitHubOperations;
import dev.triagebot.bot.github.GitHubRestOperations;
import dev.triagebot.bot.index.BackfillCheckpoints;
import dev.triagebot.bot.index.BackfillJobs;
import dev.triagebot.bot.index.BackfillTargets;
import dev.triagebot.bot.index.KnownIssues;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.scheduling.concurrent.SimpleAsyncTaskScheduler;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * {@code backfill --repo owner/name}: stores every issue of an installed repository, resuming from
 * its checkpoint, under the same lease as the replicas' backfills; each replica's index then takes
 * the issues from the store. On PostgreSQL it runs beside the service; on the embedded H2 store,
 * which admits one process, stop the service first or use its {@code POST /admin/backfill}.
 */
@Command(
    name = "backfill",
    mixinStandardHelpOptions = true,
    description = {
      "Store every issue of the repository (open and closed), resumable from its checkpoint;"
          + " every replica's index takes them from the store.",
      "On the embedded H2 store stop the service first, or start it inside the running service:"
          + " POST /admin/backfill?repo=OWNER/NAME (bearer token).",
      "Spring settings such as --triage.data-dir=DIR choose the store."
    })
final class BackfillCommand implements Callable<Integer> {
  private static final String DEFAULT_RESERVE = "500";
  // Renewed with every page; a replica takes over this long after the command dies.
  private static final Duration LEASE = Duration.ofMinutes(2);

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
    GitHubOperations github =
        GitHubRestOperations.connect(properties.github(), clock, GitHubCalls.NONE);
    // The store context starts no transaction manager of its own (see StoreCommandApplication).
    PlatformTransactionManager transactions =
        new DataSourceTransactionManager(store.getBean(DataSource.class));
    BackfillJobs backfills =
        new BackfillJobs(
            new BackfillCheckpoints(jdbc, clock),
            new BackfillTargets(jdbc, properties.github().appId() != null),
            () -> Optional.of(github),
            new KnownIssues(jdbc, transactions),
            new TransactionTemplate(transactions),
            new SimpleAsyncTaskScheduler(),
            "backfill-command-" + ProcessHandle.current().pid(),
            properties.queue().pollInterval(),
            LEASE,
            clock);
    try {
      BackfillCheckpoints.Status status = backfills.runNow(repository, reserve, err);
      switch (status.state()) {
        case "done":
          err.println(
              "backfill of "
                  + status.repository()
                  + " done: "
                  + status.progress()
                  + "; each replica's index takes the issues from the store");
          return TriageBotCommand.OK;
        case "failed":
          err.println(
              "backfill stopped: "
                  + status.error()
                  + "\nrun it again to resume from the checkpoint");
          return TriageBotCommand.FAILED;
        default:
          err.println(
              "a backfill of "
                  + status.repository()
                  + " is "
                  + status.state()
                  + (status.replica() == null ? "" : " on replica " + status.replica())
                  + "; follow it with GET /admin/backfill");
          return TriageBotCommand.FAILED;
      }
    } catch (IllegalArgumentException notInstalled) {
      err.println("no App installation covers " + repository + " (install the App on it first)");
      return TriageBotCommand.USAGE;
    }
  }
}
