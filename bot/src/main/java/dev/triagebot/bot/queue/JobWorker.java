package dev.triagebot.bot.queue;

import dev.triagebot.bot.config.TriageProperties;
import dev.triagebot.bot.github.GitHubRejectedException;
import dev.triagebot.bot.github.GitHubUnavailableException;
import dev.triagebot.bot.review.ReviewEvent;
import dev.triagebot.bot.review.ReviewEvents;
import dev.triagebot.bot.triage.IssueEvent;
import dev.triagebot.bot.triage.IssueTriage;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one job at a time: claims it, rebuilds the issue event from the stored payload, triages it,
 * then settles it as done, due again later, or parked after the last attempt. Has no thread of its
 * own, so tests drive it step by step with their own clock.
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
  private final TriageProperties.Queue settings;
  private final JobErrorText errors;
  private final Clock clock;

  public JobWorker(
      String id,
      JobQueue queue,
      IssueEventDecoder decoder,
      IssueTriage triage,
      Backoff backoff,
      TriageProperties.Queue settings,
      JobErrorText errors,
      Clock clock) {
    this(id, queue, decoder, triage, null, null, backoff, settings, errors, clock);
  }

  /**
   * A worker for triage and review jobs.
   *
   * @param reviewDecoder reads review jobs' deliveries; null parks review jobs unread
   * @param review follows review jobs up; null parks them
   */
  public JobWorker(
      String id,
      JobQueue queue,
      IssueEventDecoder decoder,
      IssueTriage triage,
      ReviewEventDecoder reviewDecoder,
      ReviewEvents review,
      Backoff backoff,
      TriageProperties.Queue settings,
      JobErrorText errors,
      Clock clock) {
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
  }

  /**
   * Runs the next due job, if any.
   *
   * @return whether there was a job
   */
  public boolean runOnce() {
    Optional<ClaimedJob> claimed = queue.claimNext(id, settings.leaseTimeout());
    if (claimed.isEmpty()) {
      return false;
    }
    ClaimedJob job = claimed.get();
    if (job.attempts() > settings.maxAttempts()) {
      // Only a lease that expired during the last attempt gets here: its worker died mid-way.
      park(job, "abandoned: the worker stopped during attempt " + (job.attempts() - 1));
      return true;
    }
    Runnable work;
    try {
      work = work(job);
    } catch (RuntimeException unreadable) {
      // Waiting will not make a payload readable: park it at once for a person to look at.
      park(job, "payload could not be read: " + errors.describe(unreadable));
      return true;
    }
    try {
      work.run();
    } catch (RuntimeException failure) {
      failed(job, failure);
      return true;
    }
    if (!queue.complete(job)) {
      log.warn("job {} was triaged after its lease expired; another worker has it now", job.id());
    }
    return true;
  }

  /** Reads the job's delivery and returns what to do with it. */
  private Runnable work(ClaimedJob job) {
    if (job.kind() == JobKind.REVIEW) {
      if (reviewDecoder == null || review == null) {
        throw new IllegalStateException("this worker has no review handler for review jobs");
      }
      ReviewEvent event = reviewDecoder.decodeReview(job.delivery());
      return () -> review.handle(event);
    }
    IssueEvent event = decoder.decode(job.delivery());
    return () -> triage.triage(event);
  }

  private void failed(ClaimedJob job, RuntimeException failure) {
    String error = errors.describe(failure);
    // A refusal (404, 422, a missing permission) will be the same on every attempt.
    if (job.attempts() >= settings.maxAttempts() || failure instanceof GitHubRejectedException) {
      park(job, error);
      return;
    }
    Optional<Instant> notBefore =
        failure instanceof GitHubUnavailableException unavailable
            ? unavailable.retryNotBefore()
            : Optional.empty();
    Instant runAt = backoff.nextRun(clock.instant(), job.attempts(), notBefore);
    if (queue.retryAt(job, runAt, error)) {
      log.warn(
          "job {} (delivery {}) failed on attempt {} of {}, retrying at {}: {}",
          job.id(),
          job.delivery().id(),
          job.attempts(),
          settings.maxAttempts(),
          runAt,
          error);
    }
  }

  private void park(ClaimedJob job, String error) {
    if (queue.park(job, error)) {
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
