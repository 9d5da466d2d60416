package dev.triagebot.bot.queue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * When a failed job runs again: exponential backoff with jitter, but never before the time GitHub
 * asked for ({@code Retry-After}, {@code x-ratelimit-reset}).
 */
public final class Backoff {
  private final Duration initial;
  private final Duration max;
  private final DoubleSupplier random;

  /**
   * @param initial the delay after the first failure; doubled after each further one
   * @param max the longest delay backoff alone produces
   * @param random uniform values in [0,1), for the jitter
   */
  public Backoff(Duration initial, Duration max, DoubleSupplier random) {
    if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
      throw new IllegalArgumentException(
          "backoff needs 0 < initial <= max, got " + initial + " and " + max);
    }
    this.initial = initial;
    this.max = max;
    this.random = random;
  }

  /**
   * The delay after the given number of failures: the capped exponential value, of which the upper
   * half is jitter so that jobs failing together do not all return at once.
   */
  public Duration delayAfter(int failures) {
    Duration ceiling = max;
    // 2^30 times any useful initial delay is past any useful maximum; stop doubling there.
    int doublings = Math.min(Math.max(failures - 1, 0), 30);
    Duration exponential = initial.multipliedBy(1L << doublings);
    if (exponential.compareTo(ceiling) < 0) {
      ceiling = exponential;
    }
    long halfMillis = ceiling.toMillis() / 2;
    return Duration.ofMillis(halfMillis + (long) (random.getAsDouble() * halfMillis));
  }

  /** When to run again after {@code failures} failures, at or after {@code notBefore}. */
  public Instant nextRun(Instant now, int failures, Optional<Instant> notBefore) {
    Instant byBackoff = now.plus(delayAfter(failures));
    return notBefore.filter(byBackoff::isBefore).orElse(byBackoff);
  }
}
