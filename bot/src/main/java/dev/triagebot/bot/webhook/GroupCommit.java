package dev.triagebot.bot.webhook;

import dev.triagebot.bot.index.IndexChange;
import dev.triagebot.bot.index.IndexUpkeep;
import dev.triagebot.bot.index.KnownIssues;
import dev.triagebot.bot.issue.RepositoryRef;
import dev.triagebot.bot.queue.CustomPlans;
import dev.triagebot.bot.queue.DeliveryLog;
import dev.triagebot.bot.queue.DurableCommits;
import dev.triagebot.bot.queue.IngressActivity;
import dev.triagebot.bot.queue.JobKind;
import dev.triagebot.bot.queue.JobQueue;
import dev.triagebot.bot.queue.StoredDelivery;
import dev.triagebot.bot.queue.WorkSignal;
import dev.triagebot.bot.repoconfig.RepositoryConfigs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores deliveries with their jobs in shared transactions: one writer thread takes every delivery
 * waiting when it is free, up to {@value #MAX_BATCH}, and stores them in one transaction with one
 * JDBC batch per table, so that concurrent deliveries share one commit (one fsync on PostgreSQL,
 * one write of the file on H2: {@link DurableCommits}). A lone delivery is stored at once; the
 * batch grows while the previous commit runs and, while ingress is busy, for a few milliseconds
 * more ({@link CommitLinger}). Each caller waits for its own commit, so "stored before the answer"
 * still holds.
 *
 * <p>Hand-rolled because neither Spring nor the JDBC drivers batch commits across requests.
 */
@Component
public class GroupCommit implements SmartLifecycle {
  private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);

  /** Deliveries per transaction at most; more would only lengthen the wait of the first. */
  static final int MAX_BATCH = 256;

  private final DeliveryLog deliveries;
  private final JobQueue jobs;
  private final KnownIssues knownIssues;
  private final TransactionTemplate transaction;
  private final Runnable jobsQueued;
  private final Runnable indexChanged;
  private final ConfigFiles configFiles;
  private final DurableCommits durable;
  private final CustomPlans plans;
  private final CommitLinger linger;
  private final BlockingQueue<Entry> waiting = new LinkedBlockingQueue<>();
  private volatile Thread writer;
  private volatile boolean running;

  @Autowired
  public GroupCommit(
      DeliveryLog deliveries,
      JobQueue jobs,
      KnownIssues knownIssues,
      TransactionTemplate transaction,
      WorkSignal workSignal,
      IndexUpkeep indexUpkeep,
      RepositoryConfigs repositoryConfigs,
      DurableCommits durable,
      CustomPlans plans,
      IngressActivity activity,
      IngressProperties properties) {
    this(
        deliveries,
        jobs,
        knownIssues,
        transaction,
        workSignal::signal,
        indexUpkeep::signal,
        durable,
        plans,
        CommitLinger.of(properties.commitLinger(), durable.flushWritesTheFile(), activity::busy),
        new ConfigFiles() {
          @Override
          public void changed(String repository) {
            repositoryConfigs.fileChanged(repository);
          }

          @Override
          public void refreshSoon(RepositoryRef repository) {
            repositoryConfigs.refreshSoon(repository);
          }
        });
  }

  /**
   * @param jobsQueued wakes the workers after a commit that queued jobs
   * @param indexChanged wakes the index upkeep after a commit that recorded index changes
   * @param durable makes the commits reach the file before their deliveries are answered
   * @param plans keeps the store from looking up ids with plans made for empty tables
   * @param linger how long a commit waits for more deliveries while ingress is busy
   * @param configFiles hears of pushes that changed a repository's configuration file
   */
  GroupCommit(
      DeliveryLog deliveries,
      JobQueue jobs,
      KnownIssues knownIssues,
      TransactionTemplate transaction,
      Runnable jobsQueued,
      Runnable indexChanged,
      DurableCommits durable,
      CustomPlans plans,
      CommitLinger linger,
      ConfigFiles configFiles) {
    this.deliveries = deliveries;
    this.durable = durable;
    this.plans = plans;
    this.linger = linger;
    this.jobs = jobs;
    this.knownIssues = knownIssues;
    this.transaction = transaction;
    this.jobsQueued = jobsQueued;
    this.indexChanged = indexChanged;
    this.configFiles = configFiles;
  }

  /** What a push that changed a repository's configuration file sets off. */
  interface ConfigFiles {
    ConfigFiles NONE =
        new ConfigFiles() {
          @Override
          public void changed(String repository) {}

          @Override
          public void refreshSoon(RepositoryRef repository) {}
        };

    /**
     * In the delivery's transaction: the file is read again when next needed, even after a crash.
     */
    void changed(String repository);

    /** After the commit: read it again soon, so a bad version shows before an issue needs it. */
    void refreshSoon(RepositoryRef repository);
  }

  /**
   * A delivery to store.
   *
   * @param delivery the delivery, verbatim
   * @param job the job it needs; null for a delivery only the similar-issue index needs
   * @param issueKey {@code owner/name#number} of its job
   * @param indexFields what the similar-issue index reads of it, as ingress's scan found it; null
   *     when it cannot change the index
   * @param configPush whether it is a push to the default branch, whose file lists say whether the
   *     repository's configuration file changed
   */
  record Store(
      StoredDelivery delivery,
      JobKind job,
      String issueKey,
      IndexChange.Fields indexFields,
      boolean configPush) {
    Store(StoredDelivery delivery, JobKind job, String issueKey, IndexChange.Fields indexFields) {
      this(delivery, job, issueKey, indexFields, false);
    }

    /** Whether it may change the similar-issue index. */
    boolean indexChange() {
      return indexFields != null;
    }
  }

  /**
   * What became of it.
   *
   * @param duplicate whether a delivery with its id was stored already (nothing changed)
   * @param jobId its job's number; null without a job
   * @param configChanged whether it is a push that changed the repository's configuration file
   */
  record Stored(boolean duplicate, Long jobId, boolean configChanged) {
    Stored(boolean duplicate, Long jobId) {
      this(duplicate, jobId, false);
    }
  }

  /**
   * A delivery with what the transaction needs from its payload, read in the request's thread: the
   * one writer thread is the queue every delivery waits in, so it only writes.
   *
   * @param indexChange the issue's new state for the known issues, if it changes the index
   * @param configChanged whether it is a push that changed the repository's configuration file
   */
  private record Prepared(Store store, Optional<IndexChange> indexChange, boolean configChanged) {
    static Prepared of(Store store) {
      return new Prepared(store, GroupCommit.indexChange(store), configChange(store));
    }

    StoredDelivery delivery() {
      return store.delivery();
    }
  }

  private record Entry(Prepared prepared, long queuedAt, CompletableFuture<Stored> result) {}

  /**
   * Stores the delivery and waits for the commit.
   *
   * @throws DataAccessException when the store failed or did not commit within {@code atMost}
   */
  Stored store(Store store, Duration atMost) {
    return Futures.await(storeLater(store, atMost));
  }

  /**
   * Queues the delivery for the next commit without waiting for it, so that no request thread is
   * held while its delivery waits for the store.
   *
   * @return completes once committed, or exceptionally with a {@link DataAccessException} when the
   *     store failed or did not commit within {@code atMost}
   */
  CompletableFuture<Stored> storeLater(Store store, Duration atMost) {
    Prepared prepared = Prepared.of(store);
    if (!running) {
      // Before start and after stop: store in the caller's thread.
      List<Attempt> attempts = storeOneByOne(List.of(prepared));
      Attempt attempt = durably(attempts).get(0);
      signal(List.of(prepared), attempts);
      return attempt.failure() != null
          ? CompletableFuture.failedFuture(attempt.failure())
          : CompletableFuture.completedFuture(attempt.stored());
    }
    Entry entry = new Entry(prepared, System.nanoTime(), new CompletableFuture<>());
    waiting.add(entry);
    return entry
        .result()
        .orTimeout(atMost.toMillis(), TimeUnit.MILLISECONDS)
        .exceptionallyCompose(
            failure ->
                CompletableFuture.failedFuture(
                    Futures.cause(failure) instanceof TimeoutException slow
                        // It may still be stored; GitHub then redelivers an id the store knows.
                        ? new QueryTimeoutException(
                            "the store did not commit within " + atMost, slow)
                        : Futures.cause(failure)));
  }

  /** How long the oldest delivery now waiting for the store has waited. */
  Duration oldestWait() {
    Entry oldest = waiting.peek();
    return oldest == null ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - oldest.queuedAt());
  }

  private void writeLoop() {
    List<Entry> batch = new ArrayList<>(MAX_BATCH);
    while (running || !waiting.isEmpty()) {
      try {
        Entry first = waiting.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        waiting.drainTo(batch, MAX_BATCH - 1);
        linger.await(first.queuedAt(), batch.size() + waiting.size() >= MAX_BATCH);
        waiting.drainTo(batch, MAX_BATCH - batch.size());
        commit(batch);
      } catch (InterruptedException stop) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException | Error unexpected) {
        for (Entry entry : batch) {
          entry.result().completeExceptionally(unexpected);
        }
        if (unexpected instanceof Error error) {
          throw error;
        }
      } finally {
        batch.clear();
      }
    }
  }

  private void commit(List<Entry> batch) {
    List<Prepared> prepared = batch.stream().map(Entry::prepared).toList();
    List<Attempt> attempts;
    try {
      attempts =
          transaction.execute(status -> storeAll(prepared)).stream()
              .map(stored -> new Attempt(stored, null))
              .toList();
    } catch (DataAccessException failed) {
      // A race with another replica on one id, or one delivery the store refuses: one by one, so
      // that only the delivery at fault fails.
      log.debug("a batch of {} deliveries failed; storing them one by one", batch.size(), failed);
      attempts = storeOneByOne(prepared);
    }
    List<Attempt> answers = durably(attempts);
    for (int i = 0; i < batch.size(); i++) {
      Attempt attempt = answers.get(i);
      if (attempt.failure() != null) {
        batch.get(i).result().completeExceptionally(attempt.failure());
      } else {
        batch.get(i).result().complete(attempt.stored());
      }
    }
    signal(prepared, attempts);
  }

  /** A delivery stored, or why not. */
  private record Attempt(Stored stored, RuntimeException failure) {}

  /**
   * Makes the commits reach the file before anyone is answered, duplicates included (their first
   * copy may be in the commit not yet written); when the store cannot write them, none is answered
   * as stored.
   */
  private List<Attempt> durably(List<Attempt> attempts) {
    try {
      durable.flush();
      return attempts;
    } catch (DataAccessException notWritten) {
      return attempts.stream()
          .map(attempt -> attempt.failure() != null ? attempt : new Attempt(null, notWritten))
          .toList();
    }
  }

  /** Stores a batch in the current transaction; a redelivered id is a duplicate. */
  private List<Stored> storeAll(List<Prepared> batch) {
    plans.forThisTransaction();
    Set<String> known =
        deliveries.stored(batch.stream().map(prepared -> prepared.delivery().id()).toList());
    Map<String, Prepared> fresh = new LinkedHashMap<>();
    for (Prepared prepared : batch) {
      if (!known.contains(prepared.delivery().id())) {
        fresh.putIfAbsent(prepared.delivery().id(), prepared);
      }
    }
    deliveries.insertAll(fresh.values().stream().map(Prepared::delivery).toList());
    Map<String, Long> jobIds =
        jobs.enqueueAll(
            fresh.values().stream()
                .map(Prepared::store)
                .filter(store -> store.job() != null)
                .map(
                    store ->
                        new JobQueue.NewJob(store.delivery().id(), store.job(), store.issueKey()))
                .toList());
    Map<String, List<IndexChange>> changes = new LinkedHashMap<>();
    for (Prepared prepared : fresh.values()) {
      prepared
          .indexChange()
          .ifPresent(
              change ->
                  changes.computeIfAbsent(change.repository(), r -> new ArrayList<>()).add(change));
    }
    changes.forEach(knownIssues::recordAll);
    Set<String> configChanged = new HashSet<>();
    for (Prepared prepared : fresh.values()) {
      if (prepared.configChanged()) {
        configFiles.changed(prepared.delivery().repository());
        configChanged.add(prepared.delivery().id());
      }
    }
    List<Stored> results = new ArrayList<>(batch.size());
    for (Prepared prepared : batch) {
      String id = prepared.delivery().id();
      results.add(
          fresh.get(id) == prepared
              ? new Stored(false, jobIds.get(id), configChanged.contains(id))
              : new Stored(true, null));
    }
    return results;
  }

  /** Each in its own transaction. */
  private List<Attempt> storeOneByOne(List<Prepared> batch) {
    List<Attempt> attempts = new ArrayList<>(batch.size());
    for (Prepared prepared : batch) {
      try {
        attempts.add(new Attempt(transaction.execute(status -> storeOne(prepared, status)), null));
      } catch (RuntimeException failed) {
        attempts.add(new Attempt(null, failed));
      }
    }
    return attempts;
  }

  private Stored storeOne(Prepared prepared, TransactionStatus status) {
    plans.forThisTransaction();
    Store store = prepared.store();
    if (!deliveries.insert(store.delivery())) {
      // On PostgreSQL the refused insert spoiled the transaction.
      status.setRollbackOnly();
      return new Stored(true, null);
    }
    Long jobId =
        store.job() == null
            ? null
            : jobs.enqueue(store.delivery().id(), store.job(), store.issueKey());
    prepared.indexChange().ifPresent(knownIssues::record);
    if (prepared.configChanged()) {
      configFiles.changed(store.delivery().repository());
    }
    return new Stored(false, jobId, prepared.configChanged());
  }

  /**
   * Whether a push changed the repository's configuration file; if so the writer marks the file to
   * be read again, in the delivery's transaction. File lists not as GitHub sends them count as a
   * change: the read that follows costs little.
   */
  private static boolean configChange(Store store) {
    if (!store.configPush()) {
      return false;
    }
    StoredDelivery delivery = store.delivery();
    boolean changed;
    try {
      changed = ConfigPushes.changesConfig(delivery.payload());
    } catch (MalformedPayloadException unreadable) {
      log.warn(
          "delivery {}: cannot tell which files the push changed ({}); {} is read again",
          delivery.id(),
          unreadable.getMessage(),
          RepositoryConfigs.PATH);
      changed = true;
    }
    return changed;
  }

  /**
   * The issue's new state for the store's known issues, from the fields the scan picked out: the
   * body is not parsed again. A payload the index cannot read changes nothing: its job, if any, is
   * parked by the worker with the reason.
   */
  private static Optional<IndexChange> indexChange(Store store) {
    if (!store.indexChange()) {
      return Optional.empty();
    }
    StoredDelivery delivery = store.delivery();
    try {
      return IndexChange.of(delivery.event(), store.indexFields());
    } catch (IllegalArgumentException unreadable) {
      log.warn(
          "delivery {}: the similar-issue index cannot read it: {}",
          delivery.id(),
          unreadable.getMessage());
      return Optional.empty();
    }
  }

  private void signal(List<Prepared> prepared, List<Attempt> attempts) {
    boolean anyJob = false;
    boolean anyIndexChange = false;
    for (int i = 0; i < prepared.size(); i++) {
      Stored stored = attempts.get(i).stored();
      if (stored != null && !stored.duplicate()) {
        anyJob |= prepared.get(i).store().job() != null;
        anyIndexChange |= prepared.get(i).store().indexChange();
      }
    }
    if (anyJob) {
      jobsQueued.run();
    }
    if (anyIndexChange) {
      indexChanged.run();
    }
    for (int i = 0; i < prepared.size(); i++) {
      Stored stored = attempts.get(i).stored();
      if (stored != null && stored.configChanged()) {
        StoredDelivery delivery = prepared.get(i).delivery();
        Long installation = delivery.installationId();
        configFiles.refreshSoon(
            new RepositoryRef(installation == null ? 0 : installation, delivery.repository()));
      }
    }
  }

  @Override
  public void start() {
    running = true;
    Thread thread = new Thread(this::writeLoop, "ingress-group-commit");
    thread.setDaemon(true);
    writer = thread;
    thread.start();
  }

  @Override
  public void stop() {
    running = false;
    Thread thread = writer;
    if (thread != null) {
      try {
        // What is waiting is still stored: its requests are being answered.
        thread.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** Starts before the web server and stops after it, which answers the requests in flight. */
  @Override
  public int getPhase() {
    return SmartLifecycle.DEFAULT_PHASE - 4096;
  }
}
