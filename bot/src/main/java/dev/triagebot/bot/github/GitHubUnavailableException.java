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

  public GitHubUnavailableException(String message, Instant retryNotBefore, Throwable cause) {
    super(message, cause);
    this.retryNotBefore = retryNotBefore;
  }

  /** The earliest retry GitHub asked for; empty when it named none. */
  public Optional<Instant> retryNotBefore() {
    return Optional.ofNullable(retryNotBefore);
  }
}
