package dev.triagebot.bot.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.triagebot.bot.github.FakeGitHub;
import dev.triagebot.bot.github.GitHubRestOperations;
import dev.triagebot.bot.github.IssueComment;
import dev.triagebot.bot.github.PrivateKeyPem;
import dev.triagebot.bot.github.StatefulGitHub;
import dev.triagebot.bot.github.TestKeys;
import dev.triagebot.bot.triage.CommentMarker;
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
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The fault matrix: the real queue (H2), workers, triage, executor and GitHub client in App mode
 * against a fake GitHub that remembers its comments and fails on command, with a clock the test
 * moves so that a 24-hour retry horizon takes no real time. Every scenario ends with every issue
 * commented exactly once, by the bot, in its newest state, and no job parked.
 */
class FaultMatrixTest {
  static final String REPO = "anthropics/claude-code";
  static final long APP_ID = 123456;
  static final long INSTALLATION = 58213947;
  static final Instant START = Instant.parse("2026-12-01T08:00:00Z");
  static final Instant EDITED = Instant.parse("2026-12-01T07:00:00Z");
  static final JsonMapper JSON = JsonMapper.builder().build();
  static final Pattern EDIT = Pattern.compile("edit (\\d+)");

  static final QueueProperties SETTINGS =
      new QueueProperties(
          8,
          Duration.ofSeconds(2),
          Duration.ofMinutes(10),
          2,
          Duration.ofMillis(10),
          Duration.ofSeconds(30),
          Duration.ofSeconds(10),
          Duration.ofHours(24),
          5,
          Duration.ofSeconds(30),
          Duration.ofMinutes(10));

  final MutableClock clock = new MutableClock(START);
  MigratedDatabase database;
  JobQueue queue;
  DeliveryLog deliveries;
  StatefulGitHub github;
  JobWorker.Safeguards safeguards;
  List<JobWorker> workers;
  int deliveryCount;

  @BeforeEach
  void start() {
    database = MigratedDatabase.h2();
    queue = new JobQueue(database.jdbc(), clock);
    deliveries = new DeliveryLog(database.jdbc());
    github = new StatefulGitHub(APP_ID, "area:mcp", "area:auth");
    workersWithTimeout(Duration.ofSeconds(5));
  }

  @AfterEach
  void stop() {
    github.close();
    database.close();
  }

  /** Four workers sharing safeguards, over one GitHub client with this request timeout. */
  private void workersWithTimeout(Duration requestTimeout) {
    GitHubRestOperations operations =
        GitHubRestOperations.asApp(
            github.apiUrl(),
            APP_ID,
            PrivateKeyPem.parse(TestKeys.pkcs8Pem()),
            clock,
            requestTimeout);
    TriageIssue triage =
        new TriageIssue(
            text -> List.of(quoting(text.body())),
            new DecideTriage(
                new TriagePolicy(TriageMode.SUGGEST, 0.5, 0.85), TriageComment.fromClasspath()),
            PlanExecutor.live(operations),
            new TriageAudit(JdbcClient.create(database.jdbc()), clock));
    safeguards =
        JobWorker.Safeguards.of(
            SETTINGS,
            clock,
            new InstallationSuspensions(
                SETTINGS.breakerInitialPause(), SETTINGS.breakerMaxPause(), clock),
            new IssueWatermarks(database.jdbc(), clock),
            null);
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
              new Backoff(SETTINGS.initialBackoff(), SETTINGS.maxBackoff(), () -> 0.5),
              SETTINGS,
              new JobErrorText(List.of()),
              clock,
              safeguards,
              new SimpleMeterRegistry()));
    }
  }

  /** The match quotes the body's "edit N", so the comment shows which state it was written from. */
  private static dev.triagebot.classifier.match.SignatureMatch quoting(String body) {
    Matcher edit = EDIT.matcher(body);
    String quote = edit.find() ? edit.group() : "Authentication successful";
    return TriageFixtures.matchWithEvidence(
        TriageFixtures.oauthSignature(),
        0.9,
        new Evidence("quote", Evidence.Kind.SIGNAL, "body", quote, 3.0));
  }

  @Test
  void aFiveMinuteOutageDelaysTenIssuesWhichAreAllCommentedOnceWhenGitHubIsBack() {
    outageOf(Duration.ofMinutes(5), 10);
  }

  @Test
  void aThreeHourOutagePausesTheQueueWithoutSpendingAttemptsAndParksNothing() {
    outageOf(Duration.ofHours(3), 10);
  }

  private void outageOf(Duration outage, int issues) {
    github.outage(true);
    for (int n = 1; n <= issues; n++) {
      deliver("opened", 100 + n, "edit 1", EDITED);
    }
    Instant end = START.plus(outage);
    int requestsBefore = github.requests().size();
    runUntil(end);
    assertThat(safeguards.breaker().state())
        .as("the queue pauses as a whole during the outage")
        .isNotEqualTo(GitHubCircuitBreaker.State.CLOSED);
    int requestsDuringOutage = github.requests().size() - requestsBefore;
    github.outage(false);

    Instant back = clock.instant();
    runUntilSettled();
    Duration recovery = Duration.between(back, clock.instant());

    System.out.printf(
        "fault matrix: outage %s, %d issues: %d requests during the outage, all done %s after"
            + " GitHub came back, attempts %s%n",
        outage, issues, requestsDuringOutage, recovery, attempts());
    assertThat(recovery).isLessThanOrEqualTo(SETTINGS.breakerMaxPause().plusSeconds(30));
    for (int n = 1; n <= issues; n++) {
      assertCommentedOnceQuoting(100 + n, "edit 1");
    }
    List<Long> commentIds = new ArrayList<>();
    for (int n = 1; n <= issues; n++) {
      commentIds.add(github.comments(REPO, 100 + n).get(0).id());
    }
    assertThat(commentIds).as("the backlog ran in the order it came").isSorted();
    assertNothingParked();
  }

  @Test
  void aSingle401RenewsTheTokenAndSucceedsWithinTheSameAttempt() {
    deliver("opened", 201, "edit 1", EDITED);
    runUntilSettled();
    github.unauthorizedOnce();
    deliver("opened", 202, "edit 1", EDITED);
    runUntilSettled();

    assertCommentedOnceQuoting(201, "edit 1");
    assertCommentedOnceQuoting(202, "edit 1");
    assertThat(github.tokensMinted()).isEqualTo(2);
    assertThat(attempts()).containsOnly(1);
    assertNothingParked();
  }

  @Test
  void aRevokedTokenIsThrownAwayAndTheNextJobsRunWithANewOne() {
    deliver("opened", 301, "edit 1", EDITED);
    runUntilSettled();
    github.revokeTokens();
    for (int n = 302; n <= 304; n++) {
      deliver("opened", n, "edit 1", EDITED);
    }
    runUntilSettled();

    for (int n = 301; n <= 304; n++) {
      assertCommentedOnceQuoting(n, "edit 1");
    }
    assertThat(github.tokensMinted()).isEqualTo(2);
    assertThat(attempts()).containsOnly(1);
    assertNothingParked();
  }

  @Test
  void aSuspendedInstallationDefersItsJobsUntilItWorksAgain() {
    deliver("opened", 351, "edit 1", EDITED);
    runUntilSettled();
    github.revokeTokens();
    github.refuseTokens(true);
    deliver("opened", 352, "edit 1", EDITED);
    deliver("opened", 353, "edit 1", EDITED);
    runUntil(START.plus(Duration.ofHours(2)));
    assertThat(queue.counts().get(JobStatus.FAILED)).as("deferred, not parked").isZero();
    assertThat(safeguards.suspensions().suspendedUntil(INSTALLATION)).isPresent();

    github.refuseTokens(false);
    runUntilSettled();

    for (int n = 351; n <= 353; n++) {
      assertCommentedOnceQuoting(n, "edit 1");
    }
    assertNothingParked();
  }

  @Test
  void aGitHubSlowerThanTheTimeoutIsRetriedAndCommentsOnce() {
    workersWithTimeout(Duration.ofMillis(500));
    github.slow(Duration.ofMillis(800));
    deliver("opened", 401, "edit 1", EDITED);
    workers.get(0).runOnce();
    assertThat(queue.counts().get(JobStatus.QUEUED)).as("timed out, and due again").isEqualTo(1);
    github.slow(Duration.ZERO);
    runUntilSettled();

    assertCommentedOnceQuoting(401, "edit 1");
    assertNothingParked();
  }

  @Test
  void aCommentPostedWhoseAnswerWasLostIsFoundByMarkerAndAuthorInsteadOfPostedAgain() {
    github.loseNextCommentAnswer();
    deliver("opened", 501, "edit 1", EDITED);
    runUntilSettled();

    assertCommentedOnceQuoting(501, "edit 1");
    assertThat(github.requests().stream().filter(r -> r.startsWith("POST /repos/")).toList())
        .as("one POST of the comment, one of the labels: the retry found the comment")
        .hasSize(1 + (int) github.requests().stream().filter(r -> r.endsWith("/labels")).count());
    assertThat(attempts()).containsOnly(2);
    assertNothingParked();
  }

  @Test
  void aPersonsCommentThatStartsWithTheMarkerIsNeverEditedOrDeleted() {
    String impostor = CommentMarker.forSignature("mcp-oauth-token-not-honored") + "\nnot the bot";
    github.addComment(REPO, 601, "mallory", impostor);
    deliver("opened", 601, "edit 1", EDITED);
    runUntilSettled();
    deliver("edited", 601, "edit 2", EDITED.plusSeconds(5));
    runUntilSettled();

    List<IssueComment> comments = github.comments(REPO, 601);
    assertThat(comments).hasSize(2);
    assertThat(comments.get(0))
        .isEqualTo(new IssueComment(comments.get(0).id(), impostor, "mallory"));
    assertThat(comments.get(1).author()).isEqualTo(FakeGitHub.BOT_LOGIN);
    assertThat(comments.get(1).body()).contains("edit 2");
    assertThat(github.requests())
        .noneMatch(r -> r.contains("/issues/comments/" + comments.get(0).id()));
  }

  @ParameterizedTest(name = "shuffled with seed {0}")
  @ValueSource(longs = {13, 42, 2026})
  void twentyEditsDeliveredShuffledAndConcurrentlyEndInOneCommentQuotingTheLast(long seed)
      throws Exception {
    List<Integer> edits = new ArrayList<>();
    for (int n = 1; n <= 20; n++) {
      edits.add(n);
    }
    Collections.shuffle(edits, new Random(seed));
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      List<Future<?>> running = new ArrayList<>();
      // Deliveries arrive on two threads while four workers already run.
      for (int w = 0; w < 4; w++) {
        JobWorker worker = workers.get(w);
        running.add(
            pool.submit(
                () -> {
                  long idleSince = System.nanoTime();
                  while (System.nanoTime() - idleSince < TimeUnit.MILLISECONDS.toNanos(1500)) {
                    if (worker.runOnce()) {
                      idleSince = System.nanoTime();
                    }
                  }
                  return null;
                }));
      }
      for (int half = 0; half < 2; half++) {
        List<Integer> mine = edits.subList(half * 10, half * 10 + 10);
        running.add(
            pool.submit(
                () -> {
                  for (int n : mine) {
                    deliver("edited", 701, "edit " + n, EDITED.plusSeconds(n));
                  }
                  return null;
                }));
      }
      for (Future<?> future : running) {
        future.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    runUntilSettled();

    long skipped =
        queue.list(java.util.Optional.empty(), 100).stream()
            .filter(job -> job.lastError() != null && job.lastError().startsWith("a newer state"))
            .count();
    System.out.printf(
        "fault matrix: 20 shuffled edits (seed %d): %d skipped as older than one handled%n",
        seed, skipped);
    assertCommentedOnceQuoting(701, "edit 20");
    assertThat(new IssueWatermarks(database.jdbc(), clock).newest(REPO + "#701"))
        .contains(EDITED.plusSeconds(20));
    assertNothingParked();
  }

  // --- helpers

  private synchronized String nextDeliveryId() {
    return "delivery-" + (++deliveryCount);
  }

  /** Stores a delivery of an issue event and queues its job, as ingress does. */
  private void deliver(String action, int number, String body, Instant updatedAt) {
    ObjectNode payload =
        (ObjectNode) JSON.readTree(WebhookFixtures.bytes("issues-opened-mcp-startup-timeout.json"));
    payload.put("action", action);
    ObjectNode issue = (ObjectNode) payload.get("issue");
    issue.put("number", number);
    issue.put(
        "body", "Authentication successful, but the MCP server still shows needs auth. " + body);
    issue.put("updated_at", updatedAt.toString());
    if (action.equals("edited")) {
      payload.putObject("changes").putObject("body").put("from", "an earlier body");
    }
    byte[] bytes = JSON.writeValueAsBytes(payload);
    String id = nextDeliveryId();
    database
        .transaction()
        .executeWithoutResult(
            status -> {
              deliveries.insert(
                  new StoredDelivery(
                      id, "issues", action, INSTALLATION, REPO, bytes, clock.instant()));
              queue.enqueue(id, JobKind.TRIAGE, REPO + "#" + number);
            });
  }

  /** Runs the workers, moving the clock 5 s whenever nothing is due, until {@code end}. */
  private void runUntil(Instant end) {
    while (clock.instant().isBefore(end)) {
      boolean any = false;
      for (JobWorker worker : workers) {
        any |= worker.runOnce();
      }
      if (!any) {
        clock.advance(Duration.ofSeconds(5));
      }
    }
  }

  /** Runs until no job is queued or running; at most a simulated day and a half. */
  private void runUntilSettled() {
    Instant limit = clock.instant().plus(Duration.ofHours(36));
    while (clock.instant().isBefore(limit)) {
      var counts = queue.counts();
      if (counts.get(JobStatus.QUEUED) == 0 && counts.get(JobStatus.RUNNING) == 0) {
        return;
      }
      boolean any = false;
      for (JobWorker worker : workers) {
        any |= worker.runOnce();
      }
      if (!any) {
        clock.advance(Duration.ofSeconds(5));
      }
    }
    throw new AssertionError("jobs still pending after 36 simulated hours: " + queue.counts());
  }

  private List<Integer> attempts() {
    return queue.list(java.util.Optional.empty(), 1000).stream()
        .filter(
            job ->
                job.status() != JobStatus.DONE
                    || job.lastError() == null
                    || !job.lastError().startsWith("a newer state"))
        .map(Job::attempts)
        .toList();
  }

  private void assertCommentedOnceQuoting(int number, String quote) {
    List<IssueComment> ours =
        github.comments(REPO, number).stream()
            .filter(c -> c.author().equals(FakeGitHub.BOT_LOGIN))
            .toList();
    assertThat(ours).as("the bot's comments on #" + number).hasSize(1);
    assertThat(ours.get(0).body()).contains("“" + quote + "”");
  }

  private void assertNothingParked() {
    assertThat(queue.list(java.util.Optional.of(JobStatus.FAILED), 100)).isEmpty();
  }
}
