package dev.triagebot.bot.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.triagebot.bot.budget.WriteBudget;
import dev.triagebot.bot.budget.WriteBudgetProperties;
import dev.triagebot.bot.github.FakeGitHub;
import dev.triagebot.bot.github.GitHubRestOperations;
import dev.triagebot.bot.github.PrivateKeyPem;
import dev.triagebot.bot.github.StatefulGitHub;
import dev.triagebot.bot.github.TestKeys;
import dev.triagebot.bot.triage.DecideTriage;
import dev.triagebot.bot.triage.PlanExecutor;
import dev.triagebot.bot.triage.TriageAudit;
import dev.triagebot.bot.triage.TriageComment;
import dev.triagebot.bot.triage.TriageFixtures;
import dev.triagebot.bot.triage.TriageIssue;
import dev.triagebot.bot.triage.TriageMode;
import dev.triagebot.bot.triage.TriagePolicy;
import dev.triagebot.bot.webhook.GitHubPayloads;
import dev.triagebot.bot.webhook.WebhookFixtures;
import dev.triagebot.classifier.match.Evidence;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A burst of issues over the installation's write budget: the real queue (H2), four workers, triage
 * in apply mode (labels and a comment per issue, two writes) and the App client against a fake
 * GitHub, with a clock the test moves. Jobs over budget are deferred, never failed, and every issue
 * ends with its labels and one comment.
 */
class WriteBudgetDefersJobsTest {
  static final String REPO = "anthropics/claude-code";
  static final long APP_ID = 123456;
  static final long INSTALLATION = 58213947;
  static final Instant START = Instant.parse("2026-12-01T08:00:00Z");
  static final int PER_MINUTE = 5;
  static final JsonMapper JSON = JsonMapper.builder().build();

  final MutableClock clock = new MutableClock(START);
  MigratedDatabase database;
  JobQueue queue;
  StatefulGitHub github;
  WriteBudget budget;
  List<JobWorker> workers;
  SimpleMeterRegistry meters = new SimpleMeterRegistry();

  @BeforeEach
  void start() {
    database = MigratedDatabase.h2();
    queue = new JobQueue(database.jdbc(), clock);
    github = new StatefulGitHub(APP_ID, "area:mcp", "area:auth");
    budget =
        new WriteBudget(
            database.jdbc(),
            database.transaction(),
            clock,
            new WriteBudgetProperties(PER_MINUTE, 1000));
    GitHubRestOperations operations =
        GitHubRestOperations.asApp(
            github.apiUrl(), APP_ID, PrivateKeyPem.parse(TestKeys.pkcs8Pem()), clock);
    TriageIssue triage =
        new TriageIssue(
            text ->
                List.of(
                    TriageFixtures.matchWithEvidence(
                        TriageFixtures.oauthSignature(),
                        0.95,
                        new Evidence(
                            "quote",
                            Evidence.Kind.SIGNAL,
                            "body",
                            "Authentication successful",
                            3.0))),
            new DecideTriage(
                new TriagePolicy(TriageMode.APPLY, 0.5, 0.85), TriageComment.fromClasspath()),
            PlanExecutor.live(operations, budget::spend),
            new TriageAudit(JdbcClient.create(database.jdbc()), clock));
    JobWorker.Safeguards safeguards =
        JobWorker.Safeguards.of(
                FaultMatrixTest.SETTINGS,
                clock,
                new InstallationSuspensions(Duration.ofSeconds(30), Duration.ofMinutes(10), clock),
                new IssueWatermarks(database.jdbc(), clock),
                null)
            .withWriteBudget(budget);
    workers = new ArrayList<>();
    for (int i = 1; i <= 4; i++) {
      workers.add(
          new JobWorker(
              "worker-" + i,
              queue,
              new GitHubPayloads(),
              triage,
              null,
              null,
              new Backoff(Duration.ofSeconds(2), Duration.ofMinutes(10), () -> 0.5),
              FaultMatrixTest.SETTINGS,
              new JobErrorText(List.of()),
              clock,
              safeguards,
              meters));
    }
  }

  @AfterEach
  void stop() {
    github.close();
    database.close();
  }

  @Test
  void aBurstOverTheBudgetIsDeferredAndLaterCompletesEveryJobExactlyOnce() {
    // given twelve issues opened at once: 24 writes against a budget of 5 a minute
    int issues = 12;
    for (int n = 1; n <= issues; n++) {
      deliver(300 + n);
    }

    // when the workers run, the clock moving 10 s whenever nothing is due
    TreeMap<Instant, Integer> writesAt = new TreeMap<>();
    Instant limit = START.plus(Duration.ofHours(1));
    while (clock.instant().isBefore(limit)) {
      var counts = queue.counts();
      if (counts.get(JobStatus.QUEUED) == 0 && counts.get(JobStatus.RUNNING) == 0) {
        break;
      }
      int before = writes();
      boolean any = true;
      while (any) {
        any = false;
        for (JobWorker worker : workers) {
          any |= worker.runOnce();
        }
      }
      writesAt.merge(clock.instant(), writes() - before, Integer::sum);
      clock.advance(Duration.ofSeconds(10));
    }

    // then no minute saw more than the budget, and it took the five minutes the budget allows
    for (Instant end : writesAt.keySet()) {
      int inMinute =
          writesAt.subMap(end.minusSeconds(60), false, end, true).values().stream()
              .mapToInt(Integer::intValue)
              .sum();
      assertThat(inMinute).as("writes in the minute up to %s", end).isLessThanOrEqualTo(PER_MINUTE);
    }
    assertThat(writes()).isEqualTo(2 * issues);
    assertThat(writesAt.lastKey()).isAfterOrEqualTo(START.plus(Duration.ofMinutes(4)));
    // and every job is done on its one counted attempt: deferrals are neither failures nor attempts
    List<Job> jobs = queue.list(Optional.empty(), 100);
    assertThat(jobs).hasSize(issues).allMatch(job -> job.status() == JobStatus.DONE);
    assertThat(jobs).extracting(Job::attempts).containsOnly(1);
    assertThat(budget.deferrals()).isGreaterThanOrEqualTo(issues - PER_MINUTE / 2);
    assertThat(meters.find("triage.jobs").tag("outcome", "postponed").counters())
        .as("job runs that ended postponed")
        .isNotEmpty();
    for (int n = 1; n <= issues; n++) {
      assertThat(github.comments(REPO, 300 + n))
          .as("the bot's comments on #%d", 300 + n)
          .filteredOn(c -> c.author().equals(FakeGitHub.BOT_LOGIN))
          .hasSize(1);
    }
    System.out.printf(
        "write budget: %d issues, %d writes at %d a minute: done after %s, %d deferrals, %d"
            + " requests in all%n",
        issues,
        writes(),
        PER_MINUTE,
        java.time.Duration.between(START, writesAt.lastKey()),
        budget.deferrals(),
        github.requests().size());
    assertThat(github.requests())
        .as("a job held back by the budget costs GitHub nothing: at most a few reads per issue")
        .hasSizeLessThanOrEqualTo(issues * 8);
    assertThat(github.requests())
        .as("labels added once per issue")
        .filteredOn(r -> r.startsWith("POST") && r.endsWith("/labels"))
        .hasSize(issues);
  }

  private int writes() {
    return (int)
        github.requests().stream()
            .filter(r -> r.startsWith("POST /repos/"))
            .filter(r -> r.endsWith("/labels") || r.endsWith("/comments"))
            .count();
  }

  /** Stores an issue's opened delivery and queues its job, as ingress does. */
  private void deliver(int number) {
    ObjectNode payload =
        (ObjectNode) JSON.readTree(WebhookFixtures.bytes("issues-opened-mcp-startup-timeout.json"));
    ((ObjectNode) payload.get("issue")).put("number", number);
    byte[] bytes = JSON.writeValueAsBytes(payload);
    String id = "delivery-" + number;
    database
        .transaction()
        .executeWithoutResult(
            status -> {
              new DeliveryLog(database.jdbc())
                  .insert(
                      new StoredDelivery(
                          id, "issues", "opened", INSTALLATION, REPO, bytes, clock.instant()));
              queue.enqueue(id, JobKind.TRIAGE, REPO + "#" + number);
            });
  }
}
