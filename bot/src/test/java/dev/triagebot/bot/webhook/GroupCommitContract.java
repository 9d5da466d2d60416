package dev.triagebot.bot.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.triagebot.bot.index.IndexChange;
import dev.triagebot.bot.index.KnownIssues;
import dev.triagebot.bot.issue.RepositoryRef;
import dev.triagebot.bot.queue.CustomPlans;
import dev.triagebot.bot.queue.DeliveryLog;
import dev.triagebot.bot.queue.DurableCommits;
import dev.triagebot.bot.queue.JobKind;
import dev.triagebot.bot.queue.JobQueue;
import dev.triagebot.bot.queue.MigratedDatabase;
import dev.triagebot.bot.queue.StoredDelivery;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@link GroupCommit} on a real store: concurrent deliveries share commits, each caller returns
 * only once its own delivery and job are committed, a redelivered id is a duplicate, and one
 * delivery the store refuses fails alone.
 */
@ExtendWith(OutputCaptureExtension.class)
abstract class GroupCommitContract {
  private static final Duration DEADLINE = Duration.ofSeconds(10);
  private static final Duration LINGER = Duration.ofMillis(300);

  private MigratedDatabase database;
  private DeliveryLog deliveries;
  private JobQueue jobs;
  private KnownIssues knownIssues;
  private GroupCommit groupCommit;
  private final AtomicInteger transactions = new AtomicInteger();
  private final AtomicInteger wakeUps = new AtomicInteger();
  private final AtomicBoolean busy = new AtomicBoolean();
  private final List<String> configMarks = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final List<RepositoryRef> configRefreshes =
      new java.util.concurrent.CopyOnWriteArrayList<>();

  protected abstract MigratedDatabase openDatabase();

  @BeforeEach
  void start() {
    database = openDatabase();
    deliveries = new DeliveryLog(database.jdbc());
    jobs = new JobQueue(database.jdbc(), Clock.systemUTC());
    knownIssues = new KnownIssues(database.jdbc(), database.transaction().getTransactionManager());
    groupCommit =
        new GroupCommit(
            deliveries,
            jobs,
            knownIssues,
            slowFirstTransaction(database.transaction()),
            wakeUps::incrementAndGet,
            () -> {},
            new DurableCommits(database.jdbc()),
            new CustomPlans(database.jdbc()),
            new CommitLinger(LINGER, busy::get),
            new GroupCommit.ConfigFiles() {
              @Override
              public void changed(String repository) {
                configMarks.add(
                    repository
                        + (TransactionSynchronizationManager.isActualTransactionActive()
                            ? " in a transaction"
                            : " outside any transaction"));
              }

              @Override
              public void refreshSoon(RepositoryRef repository) {
                configRefreshes.add(repository);
              }
            });
    groupCommit.start();
  }

  @AfterEach
  void stop() {
    // Nothing was opened when the store under test is absent (the test was skipped).
    if (groupCommit != null) {
      groupCommit.stop();
    }
    if (database != null) {
      database.close();
    }
  }

  /** Counts transactions; the first lasts 200 ms longer, so that the next deliveries queue. */
  private TransactionTemplate slowFirstTransaction(TransactionTemplate real) {
    return new TransactionTemplate(real.getTransactionManager()) {
      @Override
      public <T> T execute(TransactionCallback<T> action) throws TransactionException {
        if (transactions.incrementAndGet() == 1) {
          try {
            Thread.sleep(200);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
        return super.execute(action);
      }
    };
  }

  @Test
  void concurrentDeliveriesShareCommitsAndEachReturnsOnlyOnceItsJobIsStored() throws Exception {
    int count = 64;
    ExecutorService senders = Executors.newFixedThreadPool(count);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<String>> checks = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String id = "delivery-" + i;
      checks.add(
          senders.submit(
              () -> {
                go.await();
                GroupCommit.Stored stored =
                    groupCommit.store(issue(id, "owner/repo#" + id.hashCode()), DEADLINE);
                // Read back on another connection: committed, not just queued.
                assertThat(stored.duplicate()).isFalse();
                assertThat(deliveries.contains(id)).isTrue();
                assertThat(jobs.forDelivery(id))
                    .singleElement()
                    .matches(j -> j.id() == stored.jobId());
                return id;
              }));
    }
    go.countDown();
    for (Future<String> check : checks) {
      check.get();
    }
    senders.shutdown();

    assertThat(transactions.get())
        .as("transactions for %d deliveries", count)
        .isLessThan(count / 4);
    assertThat(wakeUps.get()).isBetween(1, transactions.get());
  }

  @Test
  void whileIngressIsBusyDeliveriesArrivingWithinTheLingerShareOneCommit() throws Exception {
    groupCommit.store(issue("slow-first", "owner/repo#1"), DEADLINE);
    busy.set(true);
    int before = transactions.get();

    CompletableFuture<GroupCommit.Stored> first =
        groupCommit.storeLater(issue("burst-1", "owner/repo#2"), DEADLINE);
    Thread.sleep(30);
    CompletableFuture<GroupCommit.Stored> second =
        groupCommit.storeLater(issue("burst-2", "owner/repo#3"), DEADLINE);

    assertThat(first.get().duplicate()).isFalse();
    assertThat(second.get().duplicate()).isFalse();
    assertThat(transactions.get() - before).isEqualTo(1);
    assertThat(deliveries.contains("burst-1")).isTrue();
    assertThat(deliveries.contains("burst-2")).isTrue();
  }

  @Test
  void whileIngressIsQuietEachDeliveryIsCommittedAtOnce() throws Exception {
    groupCommit.store(issue("slow-first", "owner/repo#1"), DEADLINE);
    int before = transactions.get();

    long start = System.nanoTime();
    groupCommit.store(issue("quiet-1", "owner/repo#2"), DEADLINE);
    Duration firstTook = Duration.ofNanos(System.nanoTime() - start);
    groupCommit.store(issue("quiet-2", "owner/repo#3"), DEADLINE);

    assertThat(transactions.get() - before).isEqualTo(2);
    assertThat(firstTook).isLessThan(LINGER);
  }

  @Test
  void aDeliveryWhoseCommitTheStoreCannotWriteIsNotAnsweredAsStored() {
    GroupCommit unwritable =
        new GroupCommit(
            deliveries,
            jobs,
            knownIssues,
            database.transaction(),
            () -> {},
            () -> {},
            new DurableCommits(database.jdbc()) {
              @Override
              public void flush() {
                throw new DataAccessResourceFailureException("no space left on device");
              }
            },
            new CustomPlans(database.jdbc()),
            CommitLinger.NONE,
            GroupCommit.ConfigFiles.NONE);
    unwritable.start();
    try {
      assertThatThrownBy(() -> unwritable.store(issue("unwritten", "o/r#9"), DEADLINE))
          .isInstanceOf(DataAccessResourceFailureException.class)
          .hasMessageContaining("no space left");
    } finally {
      unwritable.stop();
    }
  }

  @Test
  void aRedeliveredIdIsADuplicateWhetherInTheSameBatchOrLater() throws Exception {
    ExecutorService senders = Executors.newFixedThreadPool(4);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<GroupCommit.Stored>> results = new ArrayList<>();
    // The first store holds the writer; the three copies of one id then share a batch.
    results.add(senders.submit(() -> groupCommit.store(issue("first", "o/r#1"), DEADLINE)));
    Thread.sleep(50);
    for (int i = 0; i < 3; i++) {
      results.add(
          senders.submit(
              () -> {
                go.await();
                return groupCommit.store(issue("same", "o/r#2"), DEADLINE);
              }));
    }
    go.countDown();
    List<GroupCommit.Stored> stored = new ArrayList<>();
    for (Future<GroupCommit.Stored> result : results) {
      stored.add(result.get());
    }
    senders.shutdown();

    assertThat(stored.subList(1, 4)).filteredOn(s -> !s.duplicate()).hasSize(1);
    assertThat(jobs.forDelivery("same")).hasSize(1);
    assertThat(groupCommit.store(issue("same", "o/r#2"), DEADLINE).duplicate()).isTrue();
    assertThat(jobs.forDelivery("same")).hasSize(1);
  }

  @Test
  void aDeliveryTheStoreRefusesFailsAloneAndTheRestOfItsBatchIsStored() throws Exception {
    ExecutorService senders = Executors.newFixedThreadPool(4);
    Future<GroupCommit.Stored> holder =
        senders.submit(() -> groupCommit.store(issue("holder", "o/r#1"), DEADLINE));
    Thread.sleep(50);
    StoredDelivery tooLong =
        new StoredDelivery(
            "bad", "e".repeat(500), "opened", 1L, "o/r", new byte[] {'{', '}'}, Instant.now());
    Future<GroupCommit.Stored> good =
        senders.submit(() -> groupCommit.store(issue("good", "o/r#3"), DEADLINE));
    Future<GroupCommit.Stored> bad =
        senders.submit(
            () ->
                groupCommit.store(
                    new GroupCommit.Store(tooLong, JobKind.TRIAGE, "o/r#4", null), DEADLINE));

    assertThat(holder.get().duplicate()).isFalse();
    assertThat(good.get().jobId()).isNotNull();
    assertThatThrownBy(bad::get).hasCauseInstanceOf(DataAccessException.class);
    senders.shutdown();
    assertThat(deliveries.contains("good")).isTrue();
    assertThat(deliveries.contains("bad")).isFalse();
  }

  @Test
  void aDeliveryOnlyTheIndexNeedsIsStoredWithTheIssuesNewStateAndNoJob() throws Exception {
    byte[] body = WebhookFixtures.bytes("issues-reopened-with-labels.json");
    StoredDelivery reopened =
        new StoredDelivery(
            "reopened", "issues", "reopened", 1L, "anthropics/claude-code", body, Instant.now());

    GroupCommit.Stored stored =
        groupCommit.store(
            new GroupCommit.Store(reopened, null, null, scanned("issues", body)), DEADLINE);

    assertThat(stored.jobId()).isNull();
    assertThat(jobs.forDelivery("reopened")).isEmpty();
    assertThat(knownIssues.version("anthropics/claude-code")).isEqualTo(1);
  }

  @Test
  void aPayloadTheIndexCannotReadIsStillStoredWithAWarningAndChangesNoKnownIssue(
      CapturedOutput output) throws Exception {
    // The scan reads no issue state; the index needs it.
    byte[] body =
        "{\"action\": \"closed\", \"repository\": {\"full_name\": \"o/r\"}, \"issue\": {\"number\": 3}}"
            .getBytes(StandardCharsets.UTF_8);
    StoredDelivery closed =
        new StoredDelivery("closed", "issues", "closed", 1L, "o/r", body, Instant.now());

    GroupCommit.Stored stored =
        groupCommit.store(
            new GroupCommit.Store(closed, null, null, scanned("issues", body)), DEADLINE);

    assertThat(stored.duplicate()).isFalse();
    assertThat(deliveries.contains("closed")).isTrue();
    assertThat(knownIssues.version("o/r")).isZero();
    assertThat(output)
        .contains("delivery closed: the similar-issue index cannot read it: issue.state");
  }

  @Test
  void aPushThatChangedTheConfigurationFileMarksItInTheDeliverysTransactionThenAsksForARead()
      throws Exception {
    byte[] changed = ConfigPushTest.fixture();
    com.fasterxml.jackson.databind.node.ObjectNode untouched = ConfigPushTest.fixtureTree();
    ((com.fasterxml.jackson.databind.node.ArrayNode) untouched.get("commits")).remove(1);

    GroupCommit.Stored first = groupCommit.store(push("push-1", changed), DEADLINE);
    GroupCommit.Stored other =
        groupCommit.store(
            push("push-2", ConfigPushTest.JSON.writeValueAsBytes(untouched)), DEADLINE);
    GroupCommit.Stored again = groupCommit.store(push("push-1", changed), DEADLINE);

    assertThat(first).isEqualTo(new GroupCommit.Stored(false, null, true));
    assertThat(other).isEqualTo(new GroupCommit.Stored(false, null, false));
    assertThat(again.duplicate()).isTrue();
    assertThat(configMarks).containsExactly("Codertocat/Hello-World in a transaction");
    assertThat(configRefreshes).containsExactly(new RepositoryRef(1, "Codertocat/Hello-World"));
    assertThat(jobs.forDelivery("push-1")).isEmpty();
    assertThat(deliveries.contains("push-2")).isTrue();
  }

  /** What ingress's scan hands the group commit for the index. */
  private static IndexChange.Fields scanned(String event, byte[] body)
      throws MalformedPayloadException {
    return DeliveryScan.scan(event, body).indexFields();
  }

  private static GroupCommit.Store push(String id, byte[] payload) {
    return new GroupCommit.Store(
        new StoredDelivery(id, "push", null, 1L, "Codertocat/Hello-World", payload, Instant.now()),
        null,
        null,
        null,
        true);
  }

  private static GroupCommit.Store issue(String id, String issueKey) {
    return new GroupCommit.Store(
        new StoredDelivery(
            id,
            "issues",
            "opened",
            58213947L,
            "owner/repo",
            WebhookFixtures.bytes("issues-opened-mcp-startup-timeout.json"),
            Instant.now()),
        JobKind.TRIAGE,
        issueKey,
        null);
  }
}
