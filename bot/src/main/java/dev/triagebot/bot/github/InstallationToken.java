package dev.triagebot.bot.github;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import org.springframework.http.HttpMethod;

/**
 * Authenticates as one installation of the App: exchanges the App's JWT for an installation token
 * ({@code POST /app/installations/{id}/access_tokens}) and reuses it until shortly before it
 * expires, by the injected {@link Clock}.
 */
final class InstallationToken implements GitHubHttp.Authorization {
  /** Renew this long before expiry, so that a request never starts with a token about to lapse. */
  static final Duration RENEW_BEFORE_EXPIRY = Duration.ofMinutes(5);

  /** Installation tokens live an hour; assume so if GitHub names no expiry. */
  private static final Duration ASSUMED_LIFETIME = Duration.ofHours(1);

  private final GitHubHttp http;
  private final AppJwt app;
  private final long installationId;
  private final Clock clock;

  private String token;
  private Instant renewAt = Instant.MIN;

  InstallationToken(GitHubHttp http, AppJwt app, long installationId, Clock clock) {
    this.http = http;
    this.app = app;
    this.installationId = installationId;
    this.clock = clock;
  }

  @Override
  public synchronized String header() {
    Instant now = clock.instant();
    if (token == null || !now.isBefore(renewAt)) {
      JsonNode created =
          http.send(
                  "create a token for installation " + installationId,
                  app,
                  HttpMethod.POST,
                  // No narrowing: the token gets the installation's repositories and permissions.
                  Map.of(),
                  "/app/installations/{id}/access_tokens",
                  installationId)
              .json();
      token = created.path("token").asText();
      renewAt = expiry(created, now).minus(RENEW_BEFORE_EXPIRY);
    }
    return "token " + token;
  }

  /** Drops the token GitHub refused (revoked, rotated): the next request mints a new one. */
  @Override
  public synchronized boolean renew() {
    token = null;
    renewAt = Instant.MIN;
    return true;
  }

  private static Instant expiry(JsonNode created, Instant now) {
    try {
      return Instant.parse(created.path("expires_at").asText());
    } catch (DateTimeParseException absent) {
      return now.plus(ASSUMED_LIFETIME);
    }
  }

  @Override
  public String toString() {
    return "InstallationToken[installation=" + installationId + "]";
  }
}
