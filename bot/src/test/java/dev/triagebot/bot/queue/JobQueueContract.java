package dev.triagebot.bot.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.triagebot.bot.github.GitHubRejectedException;
import dev.triagebot.bot.github.GitHubUnavailableException;
import dev.triagebot.bot.triage.IssueEvent;
import dev.triagebot.bot.triage.IssueTriage;
import dev.triagebot.bot.webhook.GitHubPayloads;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The job queue and its workers against a real, migrated store. Subclasses name the database, so
 * the same behaviour is checked on the embedded H2 and on PostgreSQL.
 */
abstract class JobQueueContract {
  private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
  private static final Duration INITIAL_BACKOFF = Duration.ofSeconds(2);
  private static final Duration LEASE = Duration.ofMinutes(5);
  private static final int MAX_ATTEMPTS = 3;
  private static final String WEBHOOK_SECRET = "s3cret-webhook-value";

  private final MutableClock clock = new MutableClock(T0);
  private final RecordingTriage triage = new RecordingTriage();
  private final QueueProperties settings =
      new QueueProperties(
          MAX_ATTEMPTS, INITIAL_BACKOFF, Duration.ofMinutes(15), 1, Duration.ofMillis(10), LEASE);
  private final JobErrorText errors = new JobErrorText(List.of(WEBHOOK_SECRET));
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private MigratedDatabase database;
  private JobQueue queue;
  private DeliveryLog deliveries;

  /** A fresh, migrated database for one test. */
  protected abstract MigratedDatabase openDatabase();

  @BeforeEach
  void openStore() {
    database = openDatabase();
    queue = new JobQueue(database.jdbc(), clock);
    deliveries = new DeliveryLog(database.jdbc());
  }

  @AfterEach
  void closeStore() {
    if (database != null) { // null when the database was skipped
      database.close();
    }
  }

  /** A worker whose jitter is always the middle of its range. */
  private JobWorker worker(String id) {
    return worker(id, triage);
  }

  private JobWorker worker(String id, IssueTriage triage) {
    return new JobWorker(
        id,
        queue,
        new GitHubPayloads(),
        triage,
        null,
        null,
        new Backoff(INITIAL_BACKOFF, settings.maxBackoff(), () -> 0.5),
        settings,
        errors,
        clock,
        JobWorker.Safeguards.minimal(settings, clock),
        meters);
  }

  private long storedIssueJob(String deliveryId) {
    return storedIssueJob(deliveryId, null);
  }

  private long storedIssueJob(String deliveryId, String issueKey) {
    return database.queueIssueDelivery(queue, deliveryId, clock.instant(), issueKey);
  }

  private Job job(long id) {
    return queue.find(id).orElseThrow();
  }

  @Test
  void aQueuedJobIsTriagedOnceFromItsStoredPayloadAndMarkedDone() {
    long id = storedIssueJob("delivery-1");

    boolean ran = worker("w1").runOnce();

    assertThat(ran).isTrue();
    assertThat(triage.events()).hasSize(1);
    IssueEvent event = triage.events().get(0);
    assertThat(event.deliveryId()).isEqualTo("delivery-1");
    assertThat(event.action()).isEqualTo("opened");
    assertThat(event.issue().repository()).isEqualTo("anthropics/claude-code");
    assertThat(event.issue().number()).isEqualTo(61234);
    assertThat(job(id).status()).isEqualTo(JobStatus.DONE);
    assertThat(job(id).attempts()).isEqualTo(1);
    assertThat(worker("w1").runOnce()).as("nothing left to do").isFalse();
    assertThat(triage.events()).hasSize(1);
  }

  @Test
  void gitHubOutageIsRetriedNoEarlierThanGitHubAskedAndThenTriagedExactlyOnceMore() {
    long id = storedIssueJob("delivery-outage");
    Instant gitHubSaysComeBack = T0.plus(Duration.ofMinutes(10));
    triage.thenFail(
        event -> new GitHubUnavailableException("secondary rate limit", gitHubSaysComeBack, null));
    JobWorker worker = worker("w1");

    worker.runOnce();

    Job waiting = job(id);
    assertThat(waiting.status()).isEqualTo(JobStatus.QUEUED);
    assertThat(waiting.runAt()).isEqualTo(gitHubSaysComeBack);
    assertThat(waiting.lastError()).contains("secondary rate limit");

    clock.set(gitHubSaysComeBack.minusSeconds(1));
    assertThat(worker.runOnce()).as("not before the time GitHub named").isFalse();

    clock.set(gitHubSaysComeBack);
    assertThat(worker.runOnce()).isTrue();

    assertThat(triage.eventsFor("delivery-outage")).hasSize(2);
    assertThat(job(id).status()).isEqualTo(JobStatus.DONE);
    assertThat(job(id).attempts()).isEqualTo(2);
    assertThat(job(id).lastError()).isNull();
    assertThat(runs("deferred", "1")).isEqualTo(1);
    assertThat(runs("done", "2")).isEqualTo(1);
    clock.advance(Duration.ofDays(1));
    assertThat(worker.runOnce()).as("done jobs never run again").isFalse();
    assertThat(triage.eventsFor("delivery-outage")).hasSize(2);
  }

  @Test
  void failureWithoutRetryAfterBacksOffExponentiallyWithJitter() {
    long id = storedIssueJob("delivery-backoff");
    triage
        .thenFail(event -> new GitHubUnavailableException("502 Bad Gateway", null, null))
        .thenFail(event -> new IllegalStateException("boom"));
    JobWorker worker = worker("w1");

    worker.runOnce();
    // first retry: half of 2s fixed, plus the middle of the other half as jitter
    Instant firstRetry = T0.plusMillis(1500);
    assertThat(job(id).runAt()).isEqualTo(firstRetry);

    clock.set(firstRetry);
    worker.runOnce();
    // second retry: the delay doubled to 4s, so 2s fixed and 1s of jitter
    assertThat(job(id).runAt()).isEqualTo(firstRetry.plusMillis(3000));
    assertThat(job(id).lastError()).isEqualTo("IllegalStateException: boom");
  }

  @Test
  void jobIsParkedWithItsLastErrorAfterMaxAttemptsAndRetryFailedQueuesItAgain() {
    long id = storedIssueJob("delivery-parked");
    triage.alwaysFail(new IllegalStateException("GitHub said 422"));
    JobWorker worker = worker("w1");

    for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      assertThat(worker.runOnce()).isTrue();
      clock.advance(Duration.ofHours(1));
    }

    Job parked = job(id);
    assertThat(parked.status()).isEqualTo(JobStatus.FAILED);
    assertThat(parked.attempts()).isEqualTo(MAX_ATTEMPTS);
    assertThat(parked.lastError()).isEqualTo("IllegalStateException: GitHub said 422");
    clock.advance(Duration.ofDays(30));
    assertThat(worker.runOnce()).as("parked jobs wait for a person").isFalse();
    assertThat(queue.list(Optional.of(JobStatus.FAILED), 10))
        .extracting(Job::id)
        .containsExactly(id);

    triage.recover();
    assertThat(queue.retryFailed(OptionalLong.of(id))).isEqualTo(1);
    assertThat(job(id).status()).isEqualTo(JobStatus.QUEUED);
    assertThat(worker.runOnce()).isTrue();

    assertThat(job(id).status()).isEqualTo(JobStatus.DONE);
    assertThat(triage.eventsFor("delivery-parked")).hasSize(MAX_ATTEMPTS + 1);
    // each run counted once, by how it ended and on which attempt (retry-failed starts at 1 again)
    assertThat(runs("retried", "1")).isEqualTo(1);
    assertThat(runs("retried", "2")).isEqualTo(1);
    assertThat(runs("parked", "3")).isEqualTo(1);
    assertThat(runs("done", "1")).isEqualTo(1);
    assertThat(meters.find("triage.jobs").counters()).hasSize(4);
  }

  private double runs(String outcome, String attempt) {
    return meters
        .get("triage.jobs")
        .tags("kind", "triage", "outcome", outcome, "attempt", attempt)
        .counter()
        .count();
  }

  @Test
  void retryFailedWithoutAJobQueuesEveryParkedJobButNoOther() {
    long parked1 = storedIssueJob("delivery-p1");
    long parked2 = storedIssueJob("delivery-p2");
    JobWorker worker = worker("w1");
    triage.alwaysFail(new IllegalStateException("down"));
    while (worker.runOnce() || queue.counts().get(JobStatus.QUEUED) > 0) {
      clock.advance(Duration.ofHours(1));
    }
    triage.recover();
    long done = storedIssueJob("delivery-done");
    worker.runOnce();
    long queued = storedIssueJob("delivery-queued");

    assertThat(queue.retryFailed(OptionalLong.empty())).isEqualTo(2);

    assertThat(job(parked1).status()).isEqualTo(JobStatus.QUEUED);
    assertThat(job(parked1).attempts()).isZero();
    assertThat(job(parked2).status()).isEqualTo(JobStatus.QUEUED);
    assertThat(job(done).status()).isEqualTo(JobStatus.DONE);
    assertThat(job(queued).status()).isEqualTo(JobStatus.QUEUED);
    assertThat(job(queued).runAt()).isEqualTo(clock.instant());
  }

  @Test
  void jobLeftRunningByACrashedWorkerIsTakenUpAgainOnceItsLeaseExpires() {
    long id = storedIssueJob("delivery-crash");
    ClaimedJob abandoned = queue.claimNext("worker-of-the-crashed-process", LEASE).orElseThrow();
    assertThat(job(id).status()).isEqualTo(JobStatus.RUNNING);
    JobWorker afterRestart = worker("worker-after-restart");

    clock.advance(LEASE.minusSeconds(1));
    assertThat(afterRestart.runOnce()).as("the lease still holds").isFalse();

    clock.advance(Duration.ofSeconds(1));
    assertThat(afterRestart.runOnce()).isTrue();

    assertThat(triage.eventsFor("delivery-crash")).hasSize(1);
    assertThat(job(id).status()).isEqualTo(JobStatus.DONE);
    assertThat(job(id).attempts()).isEqualTo(2);
    assertThat(queue.complete(abandoned)).as("the old lease settles nothing").isFalse();
  }

  @Test
  void jobWhoseWorkerDiedDuringTheLastAttemptIsParkedInsteadOfRunForever() {
    long id = storedIssueJob("delivery-last-crash");
    triage.alwaysFail(new IllegalStateException("flaky"));
    JobWorker worker = worker("w1");
    for (int attempt = 1; attempt < MAX_ATTEMPTS; attempt++) {
      worker.runOnce();
      clock.advance(Duration.ofHours(1));
    }
    queue.claimNext("dies-during-last-attempt", LEASE).orElseThrow();
    clock.advance(LEASE);

    assertThat(worker.runOnce()).isTrue();

    assertThat(job(id).status()).isEqualTo(JobStatus.FAILED);
    assertThat(job(id).lastError()).contains("abandoned");
    assertThat(triage.eventsFor("delivery-last-crash")).hasSize(MAX_ATTEMPTS - 1);
  }

  @Test
  void aRenewedLeaseKeepsARunningJobFromOtherWorkersAndALapsedOneDoesNot() {
    long id = storedIssueJob("delivery-heartbeat");
    ClaimedJob running = queue.claimNext("busy-worker", LEASE).orElseThrow();
    JobWorker other = worker("other");

    clock.advance(LEASE.minusSeconds(1));
    assertThat(queue.renewLease(running, LEASE)).isTrue();
    clock.advance(LEASE.minusSeconds(1));
    assertThat(other.runOnce()).as("the heartbeat renewed the lease").isFalse();

    clock.advance(Duration.ofSeconds(1));
    assertThat(other.runOnce()).as("no heartbeat for a whole lease: the worker is gone").isTrue();
    assertThat(job(id).status()).isEqualTo(JobStatus.DONE);
    assertThat(queue.renewLease(running, LEASE)).as("a lost lease is not renewed").isFalse();
  }

  @Test
  void gitHubUnavailableKeepsAJobDueWithoutSpendingAttemptsUntilTheHorizonThenParksItSayingWhy() {
    long id = storedIssueJob("delivery-horizon");
    triage.alwaysFail(new GitHubUnavailableException("GitHub answered 503", null, null));
    JobWorker worker = worker("w1");

    int rounds = 0;
    while (job(id).status() == JobStatus.QUEUED && rounds < 100_000) {
      Instant due = job(id).runAt();
      if (due.isAfter(clock.instant())) {
        clock.set(due);
      }
      if (!worker.runOnce()) {
        // The circuit breaker holds the queue; its pause passes.
        clock.advance(Duration.ofSeconds(5));
      }
      rounds++;
    }

    Job parked = job(id);
    assertThat(parked.attempts()).as("far more than max-attempts").isGreaterThan(MAX_ATTEMPTS * 10);
    assertThat(parked.status()).isEqualTo(JobStatus.FAILED);
    assertThat(parked.lastError()).startsWith("still failing PT24H after the job was queued");
    assertThat(Duration.between(T0, clock.instant()))
        .isGreaterThanOrEqualTo(Duration.ofHours(24))
        .isLessThan(Duration.ofHours(24).plus(settings.maxBackoff()));
  }

  @Test
  void theNewestHandledStateOfAnIssueOnlyMovesForward() {
    IssueWatermarks watermarks = new IssueWatermarks(database.jdbc(), clock);
    String issue = "octo-org/triage-sandbox#7";
    Instant edit2 = T0.plusSeconds(2);

    assertThat(watermarks.isStale(issue, T0)).isFalse();
    watermarks.handled(issue, edit2);
    watermarks.handled(issue, T0.plusSeconds(1));

    assertThat(watermarks.newest(issue)).contains(edit2);
    assertThat(watermarks.isStale(issue, T0.plusSeconds(1))).isTrue();
    assertThat(watermarks.isStale(issue, edit2)).as("the same state again is not older").isFalse();
    assertThat(watermarks.isStale(issue, null)).as("a state of unknown time").isFalse();
  }

  @Test
  void aRefusalFromGitHubIsParkedAtOnceBecauseRetryingCannotHelp() {
    long id = storedIssueJob("delivery-refused");
    triage.thenFail(event -> new GitHubRejectedException("GitHub answered 422", 422, null));

    worker("w1").runOnce();

    assertThat(job(id).status()).isEqualTo(JobStatus.FAILED);
    assertThat(job(id).lastError()).contains("GitHub answered 422");
    assertThat(triage.eventsFor("delivery-refused")).hasSize(1);
  }

  @Test
  void unreadableStoredPayloadIsParkedAtOnceWithoutCallingTheTriage() {
    database
        .transaction()
        .execute(
            status -> {
              deliveries.insert(
                  new StoredDelivery(
                      "delivery-garbage",
                      "issues",
                      "opened",
                      null,
                      null,
                      "{\"action\":\"opened\"".getBytes(StandardCharsets.UTF_8),
                      clock.instant()));
              return queue.enqueue("delivery-garbage");
            });

    worker("w1").runOnce();

    Job parked = queue.forDelivery("delivery-garbage").get(0);
    assertThat(parked.status()).isEqualTo(JobStatus.FAILED);
    assertThat(parked.lastError()).startsWith("payload could not be read");
    assertThat(triage.events()).isEmpty();
  }

  @Test
  void lastErrorKeepsNoSecrets() {
    long id = storedIssueJob("delivery-secret");
    triage.thenFail(
        event ->
            new IllegalStateException(
                "401 with token ghs_16C7e42F292c6912E7710c838347Ae178B4a and secret "
                    + WEBHOOK_SECRET));

    worker("w1").runOnce();

    assertThat(job(id).lastError())
        .doesNotContain("ghs_16C7e42F292c6912E7710c838347Ae178B4a")
        .doesNotContain(WEBHOOK_SECRET)
        .contains("***");
  }

  @Test
  void theSameDeliveryIdCannotBeStoredTwice() {
    storedIssueJob("delivery-twice");

    boolean again =
        database
            .transaction()
            .execute(
                status -> {
                  boolean stored =
                      deliveries.insert(
                          new StoredDelivery(
                              "delivery-twice",
                              "issues",
                              "opened",
                              null,
                              null,
                              new byte[] {'{', '}'},
                              clock.instant()));
                  status.setRollbackOnly();
                  return stored;
                });

    assertThat(again).isFalse();
    assertThat(queue.forDelivery("delivery-twice")).hasSize(1);
  }

  @Test
  void twoJobsAboutTheSameIssueNeverRunAtOnceButOtherIssuesGoAhead() {
    long first = storedIssueJob("delivery-issue-a-1", "anthropics/claude-code#1");
    long second = storedIssueJob("delivery-issue-a-2", "anthropics/claude-code#1");
    long other = storedIssueJob("delivery-issue-b-1", "anthropics/claude-code#2");

    ClaimedJob running = queue.claimNext("replica-1", Duration.ofMinutes(5)).orElseThrow();
    assertThat(running.id()).isEqualTo(first);

    // another replica skips the second job of issue #1 and takes issue #2's
    ClaimedJob next = queue.claimNext("replica-2", Duration.ofMinutes(5)).orElseThrow();
    assertThat(next.id()).isEqualTo(other);
    assertThat(queue.claimNext("replica-2", Duration.ofMinutes(5))).isEmpty();

    // once the first is settled, the second may run
    assertThat(queue.complete(running)).isTrue();
    assertThat(queue.claimNext("replica-2", Duration.ofMinutes(5)).orElseThrow().id())
        .isEqualTo(second);
  }

  /**
   * What the store guarantees: workers racing over many jobs of one issue (as replicas would) never
   * run two of them at once, because it refuses a second claim for a running issue. Two issues'
   * jobs still overlap, so the test would see it if the guard were gone. (A live worker whose lease
   * lapses is the exception, which is why TriageIssue keeps its in-process lock.)
   */
  @Test
  void workersRacingOverOneIssuesJobsNeverTriageItTwiceAtOnce() throws Exception {
    int perIssue = 6;
    for (int i = 0; i < perIssue; i++) {
      storedIssueJob("delivery-one-issue-a-" + i, "anthropics/claude-code#1");
      storedIssueJob("delivery-one-issue-b-" + i, "anthropics/claude-code#2");
    }
    Map<String, AtomicInteger> running = new ConcurrentHashMap<>();
    Map<String, Integer> mostAtOnce = new ConcurrentHashMap<>();
    AtomicInteger overall = new AtomicInteger();
    AtomicInteger mostOverall = new AtomicInteger();
    List<String> triaged = new CopyOnWriteArrayList<>();
    IssueTriage slow =
        event -> {
          // the deliveries all carry the same payload; the delivery id names the job's issue
          String issue = event.deliveryId().startsWith("delivery-one-issue-a") ? "a" : "b";
          int now = running.computeIfAbsent(issue, k -> new AtomicInteger()).incrementAndGet();
          mostAtOnce.merge(issue, now, Math::max);
          mostOverall.accumulateAndGet(overall.incrementAndGet(), Math::max);
          try {
            Thread.sleep(30);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          overall.decrementAndGet();
          running.get(issue).decrementAndGet();
          triaged.add(event.deliveryId());
        };
    int workers = 4;
    ExecutorService pool = Executors.newFixedThreadPool(workers);
    try {
      List<Future<?>> runs = new ArrayList<>();
      for (int w = 0; w < workers; w++) {
        JobWorker worker = worker("one-issue-" + w, slow);
        runs.add(
            pool.submit(
                () -> {
                  // a worker that finds nothing claimable may only be waiting for the issue
                  while (triaged.size() < 2 * perIssue) {
                    if (!worker.runOnce()) {
                      Thread.sleep(5);
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> run : runs) {
        run.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(triaged).hasSize(2 * perIssue).doesNotHaveDuplicates();
    assertThat(mostAtOnce).containsEntry("a", 1).containsEntry("b", 1);
    assertThat(mostOverall.get()).as("the two issues' jobs did overlap").isEqualTo(2);
  }

  @Test
  void workersRacingForTheSameJobsTriageEachExactlyOnce() throws Exception {
    int jobs = 24;
    for (int i = 0; i < jobs; i++) {
      storedIssueJob("delivery-race-" + i);
    }
    int workers = 4;
    ExecutorService pool = Executors.newFixedThreadPool(workers);
    try {
      List<Future<Integer>> runs = new ArrayList<>();
      for (int w = 0; w < workers; w++) {
        JobWorker worker = worker("racer-" + w);
        runs.add(
            pool.submit(
                () -> {
                  int ran = 0;
                  while (worker.runOnce()) {
                    ran++;
                  }
                  return ran;
                }));
      }
      int total = 0;
      for (Future<Integer> run : runs) {
        total += run.get(60, TimeUnit.SECONDS);
      }
      assertThat(total).isEqualTo(jobs);
    } finally {
      pool.shutdownNow();
    }
    assertThat(triage.events()).hasSize(jobs);
    assertThat(triage.events().stream().map(IssueEvent::deliveryId).distinct()).hasSize(jobs);
    assertThat(queue.counts().get(JobStatus.DONE)).isEqualTo(jobs);
  }
}
