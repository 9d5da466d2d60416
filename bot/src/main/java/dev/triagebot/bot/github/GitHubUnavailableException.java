package dev.triagebot.bot.github;

import java.time.Instant;
import java.util.Optional;

/**
 * GitHub failed in a way that waiting fixes: a 5xx, a timeout, or a primary or secondary rate
 * limit. Carries the earliest time GitHub told us to come back, if it told us one ({@code
 * Retry-After}, {@code x-ratelimit-reset}).
 */
public final class GitHubUnavailableException extends RuntimeException {
  private final transient Instant retryNotBefore;
  private final boolean rateLimited;

  public GitHubUnavailableException(String message, Instant retryNotBefore, Throwable cause) {
    this(message, retryNotBefore, cause, false);
  }

  private GitHubUnavailableException(
      String message, Instant retryNotBefore, Throwable cause, boolean rateLimited) {
    super(message, cause);
    this.retryNotBefore = retryNotBefore;
    this.rateLimited = rateLimited;
  }

  /** GitHub limits our rate: it works, but not for us until {@code retryNotBefore}. */
  public static GitHubUnavailableException rateLimited(
      String message, Instant retryNotBefore, Throwable cause) {
    return new GitHubUnavailableException(message, retryNotBefore, cause, true);
  }

  /**
   * Whether this is a rate limit rather than an outage: GitHub answers, so it says nothing about
   * whether other jobs would fail too.
   */
  public boolean rateLimited() {
    return rateLimited;
  }

  /** The earliest retry GitHub asked for; empty when it named none. */
  public Optional<Instant> retryNotBefore() {
    return Optional.ofNullable(retryNotBefore);
  }
}
