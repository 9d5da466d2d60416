package dev.triagebot.bot.queue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pauses the whole queue while GitHub fails for every job, so that an outage spends no job's
 * attempts: after {@code threshold} consecutive transient failures across jobs no job is claimed
 * for a pause; then one job is let through as a probe. A probe that succeeds closes the breaker and
 * every due job runs again, oldest first; one that fails doubles the pause, up to {@code maxPause}.
 * Shared by the workers of one process; each change of state is logged once.
 */
public final class GitHubCircuitBreaker {
  private static final Logger log = LoggerFactory.getLogger(GitHubCircuitBreaker.class);

  /** Where the breaker stands. */
  public enum State {
    /** Jobs are claimed as usual. */
    CLOSED,
    /** No job is claimed until the pause ends. */
    OPEN,
    /** One job is running as a probe; no other is claimed until it ends. */
    PROBING
  }

  private final int threshold;
  private final Duration initialPause;
  private final Duration maxPause;
  private final Clock clock;

  private State state = State.CLOSED;
  private int consecutiveFailures;
  private Duration pause;
  private Instant openUntil;
  private Instant openedAt;
  private String lastFailure;
  private Thread prober;

  public GitHubCircuitBreaker(
      int threshold, Duration initialPause, Duration maxPause, Clock clock) {
    this.threshold = threshold;
    this.initialPause = initialPause;
    this.maxPause = maxPause;
    this.clock = clock;
    this.pause = initialPause;
  }

  /**
   * Whether a worker may claim a job now. When the pause has ended, the first caller is let through
   * as the probe and must report its outcome ({@link #succeeded()}, {@link #failedTransiently}, or
   * {@link #probeUnused()} when there was no job).
   */
  public synchronized boolean mayClaim() {
    return switch (state) {
      case CLOSED -> true;
      case PROBING -> false;
      case OPEN -> {
        if (clock.instant().isBefore(openUntil)) {
          yield false;
        }
        state = State.PROBING;
        prober = Thread.currentThread();
        log.info("GitHub circuit breaker: pause over, probing GitHub with one job");
        yield true;
      }
    };
  }

  /**
   * The probe slot this thread was granted found no job, or one that did not ask GitHub: open again
   * without lengthening the pause. From any other thread, nothing changes.
   */
  public synchronized void probeUnused() {
    if (state == State.PROBING && prober == Thread.currentThread()) {
      state = State.OPEN;
      prober = null;
    }
  }

  /** GitHub answered (the job succeeded, or was refused for good): the queue runs freely again. */
  public synchronized void succeeded() {
    consecutiveFailures = 0;
    if (state != State.CLOSED) {
      log.info(
          "GitHub circuit breaker CLOSED: GitHub answers again after an outage since {}; due jobs"
              + " run now",
          openedAt);
      state = State.CLOSED;
      prober = null;
      pause = initialPause;
      openUntil = null;
      openedAt = null;
    }
  }

  /** A job failed because GitHub was unreachable, slow or failing. */
  public synchronized void failedTransiently(String error) {
    lastFailure = error;
    consecutiveFailures++;
    Instant now = clock.instant();
    if (state == State.PROBING && prober == Thread.currentThread()) {
      pause = min(pause.multipliedBy(2), maxPause);
      state = State.OPEN;
      prober = null;
      openUntil = now.plus(pause);
      log.warn(
          "GitHub circuit breaker OPEN again: the probe failed ({}); next probe at {}",
          error,
          openUntil);
    } else if (state == State.CLOSED && consecutiveFailures >= threshold) {
      state = State.OPEN;
      openedAt = now;
      openUntil = now.plus(pause);
      log.warn(
          "GitHub circuit breaker OPEN: {} consecutive jobs failed on GitHub (last: {}); the queue"
              + " pauses until {} instead of spending the jobs' attempts",
          consecutiveFailures,
          error,
          openUntil);
    }
  }

  /** The state, for health and tests. */
  public synchronized State state() {
    return state;
  }

  /** What health shows about the breaker. */
  public synchronized Map<String, Object> details() {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("state", state.name());
    details.put("consecutiveFailures", consecutiveFailures);
    if (state != State.CLOSED) {
      details.put("openSince", String.valueOf(openedAt));
      details.put("nextProbe", String.valueOf(openUntil));
      details.put("lastFailure", lastFailure);
    }
    return details;
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
