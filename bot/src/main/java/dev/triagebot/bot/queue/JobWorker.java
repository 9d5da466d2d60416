package dev.triagebot.bot.queue;

import dev.triagebot.bot.github.GitHubRejectedException;
import dev.triagebot.bot.github.GitHubUnavailableException;
import dev.triagebot.bot.queue.JobOutcomes.Outcome;
import dev.triagebot.bot.review.ReviewEvent;
import dev.triagebot.bot.review.ReviewEvents;
import dev.triagebot.bot.review.ReviewRequest;
import dev.triagebot.bot.triage.IssueEvent;
import dev.triagebot.bot.triage.IssueTriage;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Runs one job at a time: claims it, rebuilds the issue event from the stored payload, triages it,
 * then settles it as done, due again later, or parked. Has no thread of its own, so tests drive it
 * step by step with their own clock.
 *
 * <p>How a failure settles the job: GitHub unavailable (5xx, timeout, no connection, rate limit)
 * keeps it due with capped backoff until {@code triage.queue.retry-horizon} after its creation, and
 * feeds the {@link GitHubCircuitBreaker}; GitHub refusing the installation's credentials (after the
 * client's own fresh-token retry) defers it, and repeated refusals suspend the installation; any
 * other refusal (404, 410, 422) and an unreadable payload park it at once; an unexpected failure is
 * retried up to {@code triage.queue.max-attempts}. Every park says why.
 */
public final class JobWorker {
  private static final Logger log = LoggerFactory.getLogger(JobWorker.class);

  private final String id;
  private final JobQueue queue;
  private final IssueEventDecoder decoder;
  private final IssueTriage triage;
  private final ReviewEventDecoder reviewDecoder;
  private final ReviewEvents review;
  private final Backoff backoff;
  private final QueueProperties settings;
  private final JobErrorText errors;
  private final Clock clock;
  private final Safeguards safeguards;
  private final JobOutcomes outcomes;

  /**
   * What workers of one process share to protect GitHub and the issues from the queue: the circuit
   * breaker, the suspended installations, the issues' watermarks and the lease heartbeat.
   *
   * @param breaker pauses the queue while GitHub fails for every job
   * @param suspensions installations whose credentials GitHub keeps refusing
   * @param watermarks the newest issue states handled; null to act on every snapshot
   * @param heartbeats renews running jobs' leases; null for no heartbeat (tests that step time)
   */
  public record Safeguards(
      GitHubCircuitBreaker breaker,
      InstallationSuspensions suspensions,
      IssueWatermarks watermarks,
      ScheduledExecutorService heartbeats) {

    /** A breaker and suspensions of their own, no watermarks, no heartbeat. */
    public static Safeguards minimal(QueueProperties settings, Clock clock) {
      return of(
          settings,
          clock,
          new InstallationSuspensions(
              settings.breakerInitialPause(), settings.breakerMaxPause(), clock),
          null,
          null);
    }

    /** A fresh breaker as the settings say, with these suspensions, watermarks and heartbeat. */
    public static Safeguards of(
        QueueProperties settings,
        Clock clock,
        InstallationSuspensions suspensions,
        IssueWatermarks watermarks,
        ScheduledExecutorService heartbeats) {
      return new Safeguards(
          new GitHubCircuitBreaker(
              settings.breakerThreshold(),
              settings.breakerInitialPause(),
              settings.breakerMaxPause(),
              clock),
          suspensions,
          watermarks,
          heartbeats);
    }
  }

  /**
   * A worker for triage and review jobs, sharing these safeguards with the other workers of its
   * process.
   *
   * @param reviewDecoder reads review jobs' deliveries; null parks review jobs unread
   * @param review follows review jobs up; null parks them
   * @param meters where the outcome of each run is counted
   */
  public JobWorker(
      String id,
      JobQueue queue,
      IssueEventDecoder decoder,
      IssueTriage triage,
      ReviewEventDecoder reviewDecoder,
      ReviewEvents review,
      Backoff backoff,
      QueueProperties settings,
      JobErrorText errors,
      Clock clock,
      Safeguards safeguards,
      MeterRegistry meters) {
    this.reviewDecoder = reviewDecoder;
    this.review = review;
    this.id = id;
    this.queue = queue;
    this.decoder = decoder;
    this.triage = triage;
    this.backoff = backoff;
    this.settings = settings;
    this.errors = errors;
    this.clock = clock;
    this.safeguards = safeguards;
    this.outcomes = new JobOutcomes(meters);
  }

  /**
   * Runs the next due job, if any.
   *
   * @return whether there was a job
   */
  public boolean runOnce() {
    GitHubCircuitBreaker breaker = safeguards.breaker();
    if (!breaker.mayClaim()) {
      return false;
    }
    Optional<ClaimedJob> claimed = queue.claimNext(id, settings.leaseTimeout());
    if (claimed.isEmpty()) {
      breaker.probeUnused();
      return false;
    }
    ClaimedJob job = claimed.get();
    boolean askedGitHub = false;
    try (LogContext context =
        LogContext.with(
            LogContext.JOB,
            String.valueOf(job.id()),
            LogContext.DELIVERY,
            job.delivery().id(),
            LogContext.REPOSITORY,
            job.delivery().repository())) {
      askedGitHub = run(job);
    } finally {
      // Set once the payload is read (see work()).
      MDC.remove(LogContext.ISSUE);
      if (!askedGitHub) {
        breaker.probeUnused();
      }
    }
    return true;
  }

  /** Runs a claimed job and settles it; returns whether GitHub was asked anything. */
  private boolean run(ClaimedJob job) {
    if (job.reclaimed() && job.countedAttempts() > settings.maxAttempts()) {
      // Its worker died during the last counted attempt, maybe because of the job itself.
      park(job, "abandoned: the worker stopped during attempt " + (job.attempts() - 1));
      return false;
    }
    long installation = installationOf(job);
    Optional<Instant> suspended = safeguards.suspensions().suspendedUntil(installation);
    if (suspended.isPresent()) {
      defer(job, suspended.get(), "installation " + installation + " is suspended");
      return false;
    }
    Work work;
    try {
      work = work(job);
    } catch (RuntimeException unreadable) {
      // Waiting will not make a payload readable: park it at once for a person to look at.
      park(job, "payload could not be read: " + errors.describe(unreadable));
      return false;
    }
    if (work.skipReason() != null) {
      if (settled(job, queue.completeWithout(job, work.skipReason()), Outcome.SKIPPED)) {
        log.info(
            "job {} (delivery {}) skipped: {}", job.id(), job.delivery().id(), work.skipReason());
      }
      return false;
    }
    ScheduledFuture<?> heartbeat = startHeartbeat(job);
    try {
      work.action().run();
    } catch (RuntimeException failure) {
      stop(heartbeat);
      return failed(job, installation, failure);
    } catch (Error fatal) {
      stop(heartbeat);
      throw fatal;
    }
    stop(heartbeat);
    safeguards.breaker().succeeded();
    safeguards.suspensions().succeeded(installation);
    if (work.afterSuccess() != null) {
      work.afterSuccess().run();
    }
    if (!settled(job, queue.complete(job), Outcome.DONE)) {
      log.warn("job {} was triaged after its lease expired; another worker has it now", job.id());
    }
    return true;
  }

  /** What a job comes to: an action, or the reason it needs none. */
  private record Work(Runnable action, Runnable afterSuccess, String skipReason) {}

  /** Reads the job's delivery and returns what to do with it. */
  private Work work(ClaimedJob job) {
    if (job.kind() == JobKind.REVIEW) {
      if (reviewDecoder == null || review == null) {
        throw new IllegalStateException("this worker has no review handler for review jobs");
      }
      if (ReviewRequestJobs.isRequest(job.delivery())) {
        ReviewRequest request = ReviewRequestJobs.request(job.delivery());
        return new Work(() -> review.carryOut(request), null, null);
      }
      ReviewEvent event = reviewDecoder.decodeReview(job.delivery());
      MDC.put(LogContext.ISSUE, event.issue().repository() + "#" + event.issue().number());
      return new Work(() -> review.handle(event), null, null);
    }
    IssueEvent event = decoder.decode(job.delivery());
    MDC.put(LogContext.ISSUE, event.issue().repository() + "#" + event.issue().number());
    IssueWatermarks watermarks = safeguards.watermarks();
    if (watermarks == null) {
      return new Work(() -> triage.triage(event), null, null);
    }
    String issueKey = event.issue().repository() + "#" + event.issue().number();
    Instant updatedAt = event.issue().updatedAt();
    if (watermarks.isStale(issueKey, updatedAt)) {
      return new Work(
          null,
          null,
          "a newer state of "
              + issueKey
              + " was handled already (this one is of "
              + updatedAt
              + ", handled "
              + watermarks.newest(issueKey).orElseThrow()
              + ")");
    }
    return new Work(
        () -> triage.triage(event), () -> watermarks.handled(issueKey, updatedAt), null);
  }

  private ScheduledFuture<?> startHeartbeat(ClaimedJob job) {
    ScheduledExecutorService heartbeats = safeguards.heartbeats();
    if (heartbeats == null) {
      return null;
    }
    long every = settings.heartbeatInterval().toMillis();
    return heartbeats.scheduleAtFixedRate(
        () -> {
          try {
            if (!queue.renewLease(job, settings.leaseTimeout())) {
              log.warn("job {} lost its lease while running; another worker may take it", job.id());
            }
          } catch (RuntimeException storeTrouble) {
            log.warn("could not renew the lease of job {}: {}", job.id(), storeTrouble.toString());
          }
        },
        every,
        every,
        TimeUnit.MILLISECONDS);
  }

  private static void stop(ScheduledFuture<?> heartbeat) {
    if (heartbeat != null) {
      heartbeat.cancel(false);
    }
  }

  /**
   * Settles a job whose work failed.
   *
   * @return whether the failure says anything about GitHub (for the circuit breaker's probe)
   */
  private boolean failed(ClaimedJob job, long installation, RuntimeException failure) {
    String error = errors.describe(failure);
    if (failure instanceof GitHubUnavailableException unavailable) {
      if (!unavailable.rateLimited()) {
        safeguards.breaker().failedTransiently(error);
      }
      Instant runAt =
          backoff.nextRun(
              clock.instant(), job.transientFailures() + 1, unavailable.retryNotBefore());
      deferWithinHorizon(job, runAt, error);
      return true;
    }
    if (failure instanceof GitHubRejectedException rejected) {
      // GitHub answered: it is up, whatever it said.
      safeguards.breaker().succeeded();
      if (rejected.status() == 401 || rejected.status() == 403) {
        // The client already minted a fresh token and tried again: the installation is refused.
        Instant until = safeguards.suspensions().refused(installation, error);
        Instant byBackoff =
            backoff.nextRun(clock.instant(), job.transientFailures() + 1, Optional.of(until));
        deferWithinHorizon(job, byBackoff, error);
        return true;
      }
      park(job, "GitHub refused it for good (" + rejected.status() + "): " + error);
      return true;
    }
    if (job.countedAttempts() >= settings.maxAttempts()) {
      park(job, error);
      return false;
    }
    Instant runAt = backoff.nextRun(clock.instant(), job.attempts(), Optional.empty());
    if (settled(job, queue.retryAt(job, runAt, error), Outcome.RETRIED)) {
      log.warn(
          "job {} (delivery {}) failed on attempt {} of {}, retrying at {}: {}",
          job.id(),
          job.delivery().id(),
          job.countedAttempts(),
          settings.maxAttempts(),
          runAt,
          error);
    }
    return false;
  }

  /** Keeps a job due at {@code runAt}, or parks it once its retry horizon has passed. */
  private void deferWithinHorizon(ClaimedJob job, Instant runAt, String error) {
    Instant horizon = job.createdAt().plus(settings.retryHorizon());
    if (!clock.instant().isBefore(horizon)) {
      park(
          job,
          "still failing "
              + settings.retryHorizon()
              + " after the job was queued ("
              + job.transientFailures()
              + " earlier transient failures): "
              + error);
      return;
    }
    defer(job, runAt, error);
  }

  private void defer(ClaimedJob job, Instant runAt, String error) {
    if (settled(job, queue.deferAt(job, runAt, error), Outcome.DEFERRED)) {
      log.warn(
          "job {} (delivery {}) deferred to {} ({} transient failures so far): {}",
          job.id(),
          job.delivery().id(),
          runAt,
          job.transientFailures() + 1,
          error);
    }
  }

  /** Counts how the run ended: as settled, or with its lease lost. */
  private boolean settled(ClaimedJob job, boolean settled, Outcome outcome) {
    outcomes.ended(job, settled ? outcome : Outcome.LEASE_LOST);
    return settled;
  }

  private static long installationOf(ClaimedJob job) {
    Long installation = job.delivery().installationId();
    return installation == null ? 0 : installation;
  }

  private void park(ClaimedJob job, String error) {
    if (settled(job, queue.park(job, error), Outcome.PARKED)) {
      log.error(
          "job {} (delivery {}) parked as failed after {} attempt(s); `retry-failed --job {}`"
              + " queues it again: {}",
          job.id(),
          job.delivery().id(),
          job.attempts(),
          job.id(),
          error);
    }
  }
}
