package dev.triagebot.bot.github;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import org.springframework.http.HttpHeaders;

/**
 * Sorts GitHub's answers into the two failures the queue understands: {@link
 * GitHubUnavailableException} (wait and retry, no earlier than GitHub asked) and {@link
 * GitHubRejectedException} (retrying cannot help).
 */
final class GitHubFailures {
  /**
   * GitHub's guidance for a secondary rate limit without {@code Retry-After}: wait at least a
   * minute. Retrying sooner extends the limit and risks the integration being banned.
   */
  static final Duration MINIMUM_RATE_LIMIT_WAIT = Duration.ofMinutes(1);

  private GitHubFailures() {}

  /** The failure to throw when a request got no answer: refused, reset, or timed out. */
  static GitHubUnavailableException noAnswer(String what, Throwable cause) {
    return new GitHubUnavailableException(
        what + " failed before GitHub answered: " + cause.getClass().getSimpleName(), null, cause);
  }

  /**
   * The failure to throw for an answer with this status, headers and body. The body only feeds the
   * secondary-limit check; it is never put in the message.
   */
  static RuntimeException translate(
      String what, int status, HttpHeaders headers, String body, Clock clock) {
    Instant now = clock.instant();
    if (status >= 500 || status == 408) {
      return new GitHubUnavailableException(
          what + ": GitHub answered " + status, retryAfter(headers, now), null);
    }
    if (status == 403 || status == 429) {
      if ("0".equals(header(headers, "X-RateLimit-Remaining"))) {
        return GitHubUnavailableException.rateLimited(
            what + ": GitHub's primary rate limit is exhausted",
            rateLimitReset(headers, now),
            null);
      }
      Instant retryAfter = retryAfter(headers, now);
      if (retryAfter != null) {
        return GitHubUnavailableException.rateLimited(
            what + ": GitHub's secondary rate limit, Retry-After given", retryAfter, null);
      }
      if (status == 429
          || header(headers, "gh-limited-by") != null
          || mentionsSecondaryLimit(body)) {
        return GitHubUnavailableException.rateLimited(
            what + ": GitHub's secondary rate limit, no Retry-After given",
            now.plus(MINIMUM_RATE_LIMIT_WAIT),
            null);
      }
    }
    return new GitHubRejectedException(what + ": GitHub answered " + status, status, null);
  }

  private static String header(HttpHeaders headers, String name) {
    String value = headers.getFirst(name);
    return value == null ? null : value.trim();
  }

  /** {@code Retry-After} as seconds or as an HTTP date; null when absent or unreadable. */
  private static Instant retryAfter(HttpHeaders headers, Instant now) {
    String value = header(headers, "Retry-After");
    if (value == null || value.isEmpty()) {
      return null;
    }
    try {
      return now.plusSeconds(Math.max(0, Long.parseLong(value)));
    } catch (NumberFormatException notSeconds) {
      try {
        return ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      } catch (DateTimeParseException notADate) {
        return null;
      }
    }
  }

  private static Instant rateLimitReset(HttpHeaders headers, Instant now) {
    String value = header(headers, "X-RateLimit-Reset");
    try {
      return value == null
          ? now.plus(MINIMUM_RATE_LIMIT_WAIT)
          : Instant.ofEpochSecond(Long.parseLong(value));
    } catch (NumberFormatException unreadable) {
      return now.plus(MINIMUM_RATE_LIMIT_WAIT);
    }
  }

  /** GitHub names the secondary limit in the error body; older replies called it "abuse". */
  private static boolean mentionsSecondaryLimit(String body) {
    String message = String.valueOf(body).toLowerCase(Locale.ROOT);
    return message.contains("secondary rate limit") || message.contains("abuse");
  }
}
