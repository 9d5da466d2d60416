package dev.triagebot.bot.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.triagebot.bot.index.KnownIssues;
import dev.triagebot.bot.queue.CustomPlans;
import dev.triagebot.bot.queue.DeliveryLog;
import dev.triagebot.bot.queue.DurableCommits;
import dev.triagebot.bot.queue.IngressActivity;
import dev.triagebot.bot.queue.JobKind;
import dev.triagebot.bot.queue.JobQueue;
import dev.triagebot.bot.queue.MigratedDatabase;
import dev.triagebot.bot.queue.StoredDelivery;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.unit.DataSize;

/** When ingress sheds a delivery before reading it, and that each one shed is counted. */
class LoadSheddingTest {
  private final IngressActivity activity = new IngressActivity(2);

  @Test
  void shedsPastTheDeliveriesInFlightLimitAndCountsEachOne() {
    try (MigratedDatabase database = MigratedDatabase.h2()) {
      LoadShedding shedding = shedding(database, limits(3));

      assertThat(shedding.reject(3)).isNull();
      assertThat(shedding.reject(4)).isEqualTo("more than 3 deliveries are being received at once");
      shedding.counted("the bodies' memory budget is spent");

      assertThat(shedding.shed()).isEqualTo(2);
    }
  }

  @Test
  void byDefaultTakesTheDeliveriesInFlightOfABurstThatStalls() {
    // At 1,000 deliveries a second a stall of a tenth of a second puts a hundred or more in flight.
    // Shed at 64, 5-9 % of such a burst failed, answered no sooner than those taken.
    IngressProperties defaults =
        new Binder(new MapConfigurationPropertySource())
            .bindOrCreate("triage.ingress", IngressProperties.class);
    try (MigratedDatabase database = MigratedDatabase.h2()) {
      LoadShedding shedding = shedding(database, defaults);

      assertThat(shedding.reject(200)).isNull();
      assertThat(shedding.reject(257))
          .isEqualTo("more than 256 deliveries are being received at once");
    }
  }

  @Test
  void shedsWhileTheOldestDeliveryWaitingForTheStoreHasWaitedTooLong() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch writing = new CountDownLatch(1);
    try (MigratedDatabase database = MigratedDatabase.h2()) {
      TransactionTemplate stuck =
          new TransactionTemplate(database.transaction().getTransactionManager()) {
            @Override
            public <T> T execute(TransactionCallback<T> action) throws TransactionException {
              writing.countDown();
              try {
                release.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              return super.execute(action);
            }
          };
      GroupCommit store = groupCommit(database, stuck);
      store.start();
      LoadShedding shedding =
          new LoadShedding(activity, store, new RequestThreads(activity), limits(100));
      try {
        assertThat(shedding.reject(1)).isNull();
        // The first delivery holds the writer; the second waits in line for the store.
        CompletableFuture<?> first = CompletableFuture.runAsync(() -> store(store, "first"));
        writing.await();
        CompletableFuture<?> second = CompletableFuture.runAsync(() -> store(store, "second"));

        await().atMost(Duration.ofSeconds(5)).until(() -> shedding.reject(1) != null);
        assertThat(shedding.reject(1)).isEqualTo("the delivery store is 200 ms or more behind");

        release.countDown();
        first.get();
        second.get();
        assertThat(shedding.reject(1)).isNull();
        assertThat(shedding.shed()).isGreaterThanOrEqualTo(2);
      } finally {
        release.countDown();
        store.stop();
      }
    }
  }

  @Test
  void shedsWhileMoreRequestsThanTheLimitWaitForAThreadAndTellsTheWorkersIngressIsBusy() {
    try (MigratedDatabase database = MigratedDatabase.h2()) {
      RequestThreads requestThreads = new RequestThreads(activity);
      LoadShedding shedding =
          new LoadShedding(
              activity, groupCommit(database, database.transaction()), requestThreads, limits(3));
      AtomicInteger waiting = new AtomicInteger(3);
      requestThreads.watch(waiting::get);

      assertThat(shedding.reject(1)).isNull();
      assertThat(activity.busy()).isTrue();
      waiting.set(4);
      assertThat(shedding.reject(1)).isEqualTo("more than 3 requests are waiting for a thread");
      waiting.set(0);
      assertThat(shedding.reject(1)).isNull();
      assertThat(activity.busy()).isFalse();
    }
  }

  private LoadShedding shedding(MigratedDatabase database, IngressProperties limits) {
    return new LoadShedding(
        activity,
        groupCommit(database, database.transaction()),
        new RequestThreads(activity),
        limits);
  }

  private static IngressProperties limits(int maxInFlight) {
    return new IngressProperties(
        DataSize.ofMegabytes(64),
        Duration.ofSeconds(5),
        maxInFlight,
        Duration.ofMillis(200),
        Duration.ZERO);
  }

  private static GroupCommit groupCommit(
      MigratedDatabase database, TransactionTemplate transaction) {
    return new GroupCommit(
        new DeliveryLog(database.jdbc()),
        new JobQueue(database.jdbc(), Clock.systemUTC()),
        new KnownIssues(database.jdbc(), transaction.getTransactionManager()),
        transaction,
        () -> {},
        () -> {},
        new DurableCommits(database.jdbc()),
        new CustomPlans(database.jdbc()),
        CommitLinger.NONE,
        GroupCommit.ConfigFiles.NONE);
  }

  private static void store(GroupCommit store, String id) {
    store.store(
        new GroupCommit.Store(
            new StoredDelivery(
                id, "issues", "opened", 1L, "o/r", new byte[] {'{', '}'}, Instant.now()),
            JobKind.TRIAGE,
            "o/r#" + id.length(),
            null),
        Duration.ofSeconds(10));
  }
}
