package dev.triagebot.bot.review;

import dev.triagebot.bot.github.GitHubOperations;
import dev.triagebot.bot.issue.RepositoryRef;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who may give {@code /triage} commands: users with the triage, write, maintain or admin role on
 * the repository, as GitHub's collaborator-permission API says. Answers are trusted for a short
 * while (by the injected clock) so that a burst of commands costs one request.
 */
public final class Maintainers {
  private static final Set<String> MAY_COMMAND = Set.of("triage", "write", "maintain", "admin");

  private final GitHubOperations github;
  private final Duration ttl;
  private final Clock clock;
  private final Map<String, Known> known = new ConcurrentHashMap<>();

  public Maintainers(GitHubOperations github, Duration ttl, Clock clock) {
    this.github = github;
    this.ttl = ttl;
    this.clock = clock;
  }

  /** Whether this user may give commands on this repository. */
  public boolean mayCommand(RepositoryRef repository, String login) {
    String key =
        repository.fullName().toLowerCase(Locale.ROOT) + " " + login.toLowerCase(Locale.ROOT);
    Instant now = clock.instant();
    Known cached = known.get(key);
    if (cached == null || !now.isBefore(cached.until())) {
      String role = github.roleOf(repository, login).toLowerCase(Locale.ROOT);
      cached = new Known(role, now.plus(ttl));
      known.put(key, cached);
    }
    return MAY_COMMAND.contains(cached.role());
  }

  private record Known(String role, Instant until) {}
}
