package dev.triagebot.bot.github;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.kohsuke.github.GHFileNotFoundException;
import org.kohsuke.github.GHIOException;
import org.kohsuke.github.HttpException;

/**
 * Sorts what github-api throws into the two failures the queue understands: {@link
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

  /** The failure to throw for {@code cause}, raised while doing {@code what}. */
  static RuntimeException translate(String what, IOException cause, Clock clock) {
    return translate(what, status(cause), headers(cause), cause, clock);
  }

  /** The failure to throw for an answer with this status and these headers. */
  static RuntimeException translate(
      String what, int status, Map<String, List<String>> headers, Throwable cause, Clock clock) {
    Instant now = clock.instant();
    if (status < 100) {
      return new GitHubUnavailableException(
          what + " failed before GitHub answered: " + cause.getClass().getSimpleName(),
          null,
          cause);
    }
    if (status >= 500 || status == 408) {
      return new GitHubUnavailableException(
          what + ": GitHub answered " + status, retryAfter(headers, now), cause);
    }
    if (status == 403 || status == 429) {
      if ("0".equals(header(headers, "X-RateLimit-Remaining"))) {
        return GitHubUnavailableException.rateLimited(
            what + ": GitHub's primary rate limit is exhausted",
            rateLimitReset(headers, now),
            cause);
      }
      Instant retryAfter = retryAfter(headers, now);
      if (retryAfter != null) {
        return GitHubUnavailableException.rateLimited(
            what + ": GitHub's secondary rate limit, Retry-After given", retryAfter, cause);
      }
      if (status == 429
          || header(headers, "gh-limited-by") != null
          || mentionsSecondaryLimit(cause)) {
        return GitHubUnavailableException.rateLimited(
            what + ": GitHub's secondary rate limit, no Retry-After given",
            now.plus(MINIMUM_RATE_LIMIT_WAIT),
            cause);
      }
    }
    return new GitHubRejectedException(what + ": GitHub answered " + status, status, cause);
  }

  private static int status(IOException cause) {
    if (cause instanceof HttpException http) {
      return http.getResponseCode();
    }
    if (cause instanceof GHFileNotFoundException) {
      return 404;
    }
    return -1;
  }

  private static Map<String, List<String>> headers(IOException cause) {
    // github-api's getters throw rather than return null when no response was attached.
    try {
      if (cause instanceof GHIOException io) {
        return io.getResponseHeaderFields();
      }
      if (cause instanceof GHFileNotFoundException notFound) {
        return notFound.getResponseHeaderFields();
      }
    } catch (NullPointerException noHeaders) {
      return Map.of();
    }
    return Map.of();
  }

  private static String header(Map<String, List<String>> headers, String name) {
    if (headers == null) {
      return null;
    }
    for (Map.Entry<String, List<String>> entry : headers.entrySet()) {
      if (name.equalsIgnoreCase(entry.getKey())
          && entry.getValue() != null
          && !entry.getValue().isEmpty()) {
        return entry.getValue().get(0).trim();
      }
    }
    return null;
  }

  /** {@code Retry-After} as seconds or as an HTTP date; null when absent or unreadable. */
  private static Instant retryAfter(Map<String, List<String>> headers, Instant now) {
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

  private static Instant rateLimitReset(Map<String, List<String>> headers, Instant now) {
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
  private static boolean mentionsSecondaryLimit(Throwable cause) {
    String message = String.valueOf(cause.getMessage()).toLowerCase(Locale.ROOT);
    return message.contains("secondary rate limit") || message.contains("abuse");
  }
}
