package dev.triagebot.bot.github;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts and times every HTTP request sent to GitHub ({@code triage.github.requests}, by endpoint
 * group, method and status) and keeps the rate-limit headroom GitHub last reported ({@code
 * triage.github.rate.limit.remaining}, by rate-limit resource). Each way this package sends a
 * request reports here once, so the numbers are those of the wire, retries included.
 */
public final class GitHubCalls {
  /** Records nothing: for clients made outside the service (commands, tests). */
  public static final GitHubCalls NONE = new GitHubCalls(new CompositeMeterRegistry());

  /** The status tag of a request that got no HTTP answer (refused, reset, timed out). */
  static final String NO_ANSWER = "none";

  /** Path words that name what a request is about; the last one in the path is its group. */
  private static final Set<String> RESOURCES =
      Set.of("issues", "comments", "labels", "reactions", "collaborators", "permission");

  private final MeterRegistry registry;
  private final Map<String, AtomicLong> remaining = new ConcurrentHashMap<>();

  public GitHubCalls(MeterRegistry registry) {
    this.registry = registry;
  }

  /** A request GitHub answered with {@code status}, after {@code nanos}. */
  void answered(String method, URI uri, int status, Map<String, List<String>> headers, long nanos) {
    timer(method, uri, String.valueOf(status)).record(nanos, TimeUnit.NANOSECONDS);
    String left = header(headers, "x-ratelimit-remaining");
    if (left != null) {
      try {
        long value = Long.parseLong(left.strip());
        String resource = header(headers, "x-ratelimit-resource");
        headroom(resource == null ? "core" : resource.strip()).set(value);
      } catch (NumberFormatException notANumber) {
        // Not GitHub's format: nothing to report.
      }
    }
  }

  /** A request that got no answer, after {@code nanos}. */
  void unanswered(String method, URI uri, long nanos) {
    timer(method, uri, NO_ANSWER).record(nanos, TimeUnit.NANOSECONDS);
  }

  private Timer timer(String method, URI uri, String status) {
    return Timer.builder("triage.github.requests")
        .description("Requests sent to GitHub, by endpoint group, method and answer status")
        .tag("endpoint", endpointGroup(uri.getPath()))
        .tag("method", method.toUpperCase(Locale.ROOT))
        .tag("status", status)
        .register(registry);
  }

  private AtomicLong headroom(String resource) {
    // GitHub names a handful of resources (core, search, graphql…); anything else is folded.
    String name = resource.matches("[a-z_]{1,32}") ? resource : "other";
    return remaining.computeIfAbsent(
        name,
        key -> {
          AtomicLong value = new AtomicLong();
          Gauge.builder("triage.github.rate.limit.remaining", value, AtomicLong::doubleValue)
              .description("Requests left in GitHub's rate-limit window, as last reported")
              .tag("resource", key)
              .register(registry);
          return value;
        });
  }

  /**
   * A small, fixed vocabulary for a REST path, so that issue numbers, logins and label names never
   * become tag values: {@code /repos/o/r/issues/7/comments} is {@code comments}, {@code
   * /repos/o/r/labels/bug} is {@code labels}, {@code /repos/o/r} is {@code repository}, {@code
   * /repos/o/r/contents/any/file} is {@code contents} (a file's path is never read for words).
   */
  static String endpointGroup(String path) {
    String trimmed = path == null ? "" : path.replaceAll("^/+|/+$", "");
    String[] parts = trimmed.isEmpty() ? new String[0] : trimmed.split("/+");
    // A GitHub Enterprise root such as /api/v3 comes before the REST path.
    int start = 0;
    if (parts.length >= 2 && parts[0].equals("api") && parts[1].startsWith("v")) {
      start = 2;
    }
    if (parts.length <= start) {
      return "root";
    }
    switch (parts[start]) {
      case "repos":
        String group = "repository";
        for (int i = start + 3; i < parts.length; i++) {
          if (parts[i].equals("contents")) {
            return "contents";
          }
          if (RESOURCES.contains(parts[i])) {
            group = parts[i];
          }
        }
        return group;
      case "app":
        return parts.length > start + 1 && parts[parts.length - 1].equals("access_tokens")
            ? "installation-token"
            : "app";
      case "user":
        return "user";
      case "rate_limit":
        return "rate-limit";
      default:
        return "other";
    }
  }

  private static String header(Map<String, List<String>> headers, String name) {
    for (Map.Entry<String, List<String>> header : headers.entrySet()) {
      if (header.getKey() != null
          && header.getKey().equalsIgnoreCase(name)
          && !header.getValue().isEmpty()) {
        return header.getValue().get(0);
      }
    }
    return null;
  }
}
