package dev.triagebot.bot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.triagebot.bot.queue.ClaimedJob;
import dev.triagebot.bot.queue.DeliveryLog;
import dev.triagebot.bot.queue.Job;
import dev.triagebot.bot.queue.JobQueue;
import dev.triagebot.bot.queue.JobStatus;
import dev.triagebot.bot.queue.StoredDelivery;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Function;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code jobs} and {@code retry-failed} through the jar's entry point, on the embedded store that
 * {@code triage.data-dir} names, as an operator runs them.
 */
class StoreCommandsTest {
  @TempDir Path dataDir;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  /** Opens the store file as the service would, to arrange or inspect jobs. */
  private <T> T withStore(Function<JobQueue, T> work) {
    try (HikariDataSource dataSource = new HikariDataSource()) {
      dataSource.setJdbcUrl("jdbc:h2:file:" + dataDir.resolve("triage") + ";WRITE_DELAY=0");
      dataSource.setUsername("sa");
      Flyway.configure().dataSource(dataSource).load().migrate();
      JdbcTemplate jdbc = new JdbcTemplate(dataSource);
      JobQueue queue = new JobQueue(jdbc, Clock.systemUTC());
      if (!new DeliveryLog(jdbc).contains("delivery-parked")) {
        new DeliveryLog(jdbc)
            .insert(
                new StoredDelivery(
                    "delivery-parked",
                    "issues",
                    "opened",
                    1L,
                    "anthropics/claude-code",
                    "{}".getBytes(StandardCharsets.UTF_8),
                    Clock.systemUTC().instant()));
      }
      return work.apply(queue);
    }
  }

  private long parkedJob() {
    return withStore(
        queue -> {
          long id = queue.enqueue("delivery-parked");
          ClaimedJob claimed = queue.claimNext("test-worker", Duration.ofMinutes(5)).orElseThrow();
          queue.park(claimed, "IllegalStateException: GitHub said 422");
          return id;
        });
  }

  private int command(String... args) {
    return TriageBotCommand.run(
        args,
        System.in,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void jobsListsParkedJobsWithTheirLastErrorEvenWithoutAWebhookSecretInSuggestMode() {
    long id = parkedJob();

    int exit =
        command(
            "jobs", "--status", "failed", "--triage.data-dir=" + dataDir, "--triage.mode=suggest");

    assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("failed 1")
        .containsPattern(
            "(?m)^" + id + "\\s+failed\\s+1\\s+issues\\.opened\\s+anthropics/claude-code")
        .contains("GitHub said 422");
  }

  @Test
  void retryFailedQueuesTheParkedJobAgainInTheConfiguredStore() {
    long id = parkedJob();

    int exit = command("retry-failed", "--job", String.valueOf(id), "--triage.data-dir=" + dataDir);

    assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("queued 1 parked job(s) again");
    Job retried = withStore(queue -> queue.find(id).orElseThrow());
    assertThat(retried.status()).isEqualTo(JobStatus.QUEUED);
    assertThat(retried.attempts()).isZero();
  }

  @Test
  void retryFailedSaysWhyWhenTheJobIsNotParked() {
    long parked = parkedJob();

    int exit = command("retry-failed", "--job", "999", "--triage.data-dir=" + dataDir);

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("there is no job 999");
    Job untouched = withStore(queue -> queue.find(parked).orElseThrow());
    assertThat(untouched.status()).isEqualTo(JobStatus.FAILED);
  }

  @Test
  void wrongArgumentsExitWithTwoAndTheUsage() {
    int exit = command("retry-failed", "--job", "seven");

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("'--job'")
        .contains("'seven'")
        .contains("Usage: java -jar triage-bot.jar retry-failed");
  }

  @Test
  void anH2FileHeldByTheRunningServiceIsExplainedInOneLine() {
    RuntimeException failure =
        new IllegalStateException(
            "Failed to initialize pool",
            new java.sql.SQLException(
                "Database may be already in use: \"/srv/data/triage.mv.db\". Possible solutions:"
                    + " close all other connection(s); use the server mode [90020-232]"));

    String problem = StoreAccess.problem(failure);

    assertThat(problem)
        .startsWith("the running service holds the embedded H2 store")
        .contains("stop the service first, or run it on PostgreSQL")
        .doesNotContain("\n");
  }
}
