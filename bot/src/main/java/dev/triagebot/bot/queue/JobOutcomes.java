package dev.triagebot.bot.queue;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts how each job run ended ({@code triage.jobs}, by kind, outcome and attempt), as the worker
 * settles it. Store-wide numbers (queue depth, parked jobs) are read from the store instead, so
 * that every replica reports the same.
 */
final class JobOutcomes {
  /** The attempt tag stops here; later attempts (long outages) share one value. */
  private static final int LAST_EXACT_ATTEMPT = 8;

  /** How a run ended; the tag value is the lower-case name with hyphens. */
  enum Outcome {
    /** Triaged or reviewed. */
    DONE,
    /** Completed without acting (e.g. a newer state was handled already). */
    SKIPPED,
    /** Due again later after an unexpected failure; counts against the attempt limit. */
    RETRIED,
    /** Due again later because GitHub was unavailable or refused the credentials. */
    DEFERRED,
    /** Parked for a person. */
    PARKED,
    /** Its lease expired while it ran; another worker settles it. */
    LEASE_LOST;

    String tag() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
  }

  private final MeterRegistry registry;

  JobOutcomes(MeterRegistry registry) {
    this.registry = registry;
  }

  void ended(ClaimedJob job, Outcome outcome) {
    Counter.builder("triage.jobs")
        .description("Job runs by kind, how they ended, and the attempt they ended on")
        .tag("kind", job.kind().column())
        .tag("outcome", outcome.tag())
        .tag("attempt", attempt(job.attempts()))
        .register(registry)
        .increment();
  }

  static String attempt(int attempts) {
    return attempts > LAST_EXACT_ATTEMPT
        ? (LAST_EXACT_ATTEMPT + 1) + "+"
        : Integer.toString(attempts);
  }
}
