package dev.triagebot.bot.index;

import dev.triagebot.bot.github.GitHubOperations;
import dev.triagebot.bot.issue.RepositoryRef;
import dev.triagebot.classifier.similar.IndexedIssue;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.task.TaskRejectedException;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Backfills requested by an operator, run once per repository across replicas: a request is stored,
 * and whichever replica's scheduled round claims its lease first runs it, storing each page with
 * its checkpoint in one transaction; every replica's index then takes the issues from the store. A
 * replica that stops gives the lease back and another resumes from the checkpoint; one that dies
 * loses the lease when it lapses. Stopped by a flag, checked between pages and during rate-limit
 * pauses.
 */
public final class BackfillJobs implements SmartLifecycle {
  private static final Logger log = LoggerFactory.getLogger(BackfillJobs.class);

  private final BackfillCheckpoints checkpoints;
  private final BackfillTargets targets;
  private final Supplier<Optional<GitHubOperations>> github;
  private final KnownIssues issues;
  private final TransactionTemplate transaction;
  private final TaskScheduler scheduler;
  private final String replica;
  private final Duration pollInterval;
  private final Duration lease;
  private final Clock clock;
  private final ReentrantLock running = new ReentrantLock();
  private final Object pause = new Object();

  private volatile boolean stopRequested;
  private volatile ScheduledFuture<?> polling;

  /**
   * @param github the GitHub client, empty without credentials (then this replica claims nothing)
   * @param replica this replica's name, as the lease holder
   * @param pollInterval how often a replica looks for a backfill to claim
   * @param lease how long a claim holds without a page stored; another replica takes over after
   */
  public BackfillJobs(
      BackfillCheckpoints checkpoints,
      BackfillTargets targets,
      Supplier<Optional<GitHubOperations>> github,
      KnownIssues issues,
      TransactionTemplate transaction,
      TaskScheduler scheduler,
      String replica,
      Duration pollInterval,
      Duration lease,
      Clock clock) {
    this.checkpoints = checkpoints;
    this.targets = targets;
    this.github = github;
    this.issues = issues;
    this.transaction = transaction;
    this.scheduler = scheduler;
    this.replica = replica;
    this.pollInterval = pollInterval;
    this.lease = lease;
    this.clock = clock;
  }

  /**
   * Requests a backfill of the repository, unless one is running; some replica takes it up.
   *
   * @throws IllegalArgumentException when no installation covers the repository
   */
  public BackfillCheckpoints.Status start(String repository, int reserve) {
    RepositoryRef target =
        targets
            .resolve(repository)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "no App installation covers "
                            + repository
                            + "; install the App on it first"));
    checkpoints.request(target.fullName(), target.installationId(), reserve);
    if (polling != null) {
      try {
        scheduler.schedule(this::round, scheduler.getClock().instant());
      } catch (TaskRejectedException shuttingDown) {
        // another replica, or this one after its restart, claims it
      }
    }
    return statuses().stream()
        .filter(status -> status.repository().equalsIgnoreCase(repository))
        .findFirst()
        .orElseThrow();
  }

  /**
   * Requests a backfill of the repository and runs it here and now, unless another replica holds
   * its lease (the {@code backfill} command).
   *
   * @param progress where each page's progress line goes
   * @return the backfill's status afterwards; {@code running} under another replica's lease when
   *     this one could not claim it
   * @throws IllegalArgumentException when no installation covers the repository
   */
  public BackfillCheckpoints.Status runNow(String repository, int reserve, PrintStream progress) {
    BackfillCheckpoints.Status requested = start(repository, reserve);
    Optional<GitHubOperations> client = github.get();
    if (client.isPresent()) {
      checkpoints
          .claim(replica, clock.instant().plus(lease), requested.repository())
          .ifPresent(claim -> run(client.get(), claim, progress));
    }
    return statuses().stream()
        .filter(status -> status.repository().equals(requested.repository()))
        .findFirst()
        .orElseThrow();
  }

  /** Every backfill the store knows, whichever replica ran it. */
  public List<BackfillCheckpoints.Status> statuses() {
    return checkpoints.statuses();
  }

  /** Claims and runs backfills until none is left or the replica stops. */
  public void round() {
    Optional<GitHubOperations> client = github.get();
    if (client.isEmpty() || !running.tryLock()) {
      return;
    }
    try {
      while (!stopRequested) {
        Optional<BackfillCheckpoints.Claim> claim =
            checkpoints.claim(replica, clock.instant().plus(lease), null);
        if (claim.isEmpty()) {
          return;
        }
        run(
            client.get(),
            claim.get(),
            new PrintStream(new LogLines(), true, StandardCharsets.UTF_8));
      }
    } catch (RuntimeException storeFailed) {
      log.warn("backfill round failed; trying again next round: {}", storeFailed.toString());
    } finally {
      running.unlock();
    }
  }

  private void run(GitHubOperations client, BackfillCheckpoints.Claim claim, PrintStream progress) {
    String name = claim.repository();
    log.info("backfill of {} claimed by replica {}", name, replica);
    BackfillRepository backfill =
        new BackfillRepository(
            client, checkpoints, claim.rateReserve(), clock, wait -> pause(name, wait), progress);
    try {
      BackfillCheckpoints.Checkpoint end =
          backfill.run(new RepositoryRef(claim.installationId(), name), pages(name));
      if (!end.done()) {
        checkpoints.release(name, replica);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      checkpoints.release(name, replica);
    } catch (RuntimeException e) {
      log.warn("backfill of {} stopped: {}", name, e.getMessage());
      checkpoints.fail(
          name, replica, e.getMessage() + "; start it again to resume from the checkpoint");
    }
  }

  /** Each page and its checkpoint in one transaction, while this replica holds the lease. */
  private BackfillRepository.Pages pages(String repository) {
    return new BackfillRepository.Pages() {
      @Override
      public boolean store(List<IndexedIssue> page, BackfillCheckpoints.Checkpoint next) {
        Boolean stored =
            transaction.execute(
                status -> {
                  if (stopRequested
                      || !checkpoints.advance(
                          repository, replica, next, clock.instant().plus(lease))) {
                    status.setRollbackOnly();
                    return false;
                  }
                  issues.recordAll(
                      repository,
                      page.stream()
                          .map(issue -> new IndexChange.Upsert(repository, issue))
                          .toList());
                  return true;
                });
        return Boolean.TRUE.equals(stored);
      }

      @Override
      public boolean proceed() {
        return !stopRequested;
      }
    };
  }

  /** Waits for the rate limit with the lease extended to cover the wait; a stop ends it early. */
  private void pause(String repository, Duration wait) throws InterruptedException {
    checkpoints.extend(repository, replica, clock.instant().plus(wait).plus(lease));
    long until = System.nanoTime() + wait.toNanos();
    synchronized (pause) {
      long left;
      while (!stopRequested && (left = until - System.nanoTime()) > 0) {
        pause.wait(Math.max(1, left / 1_000_000));
      }
    }
  }

  @Override
  public void start() {
    stopRequested = false;
    polling = scheduler.scheduleWithFixedDelay(this::round, pollInterval);
  }

  /** Raises the stop flag and waits for a running backfill to give its lease back. */
  @Override
  public void stop() {
    stopRequested = true;
    ScheduledFuture<?> future = polling;
    polling = null;
    if (future != null) {
      future.cancel(false);
    }
    synchronized (pause) {
      pause.notifyAll();
    }
    running.lock();
    running.unlock();
  }

  @Override
  public boolean isRunning() {
    return polling != null;
  }

  /** Each progress line goes to the log. */
  private static final class LogLines extends OutputStream {
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    @Override
    public void write(int b) {
      if (b != '\n') {
        line.write(b);
        return;
      }
      log.info(line.toString(StandardCharsets.UTF_8));
      line.reset();
    }
  }
}
