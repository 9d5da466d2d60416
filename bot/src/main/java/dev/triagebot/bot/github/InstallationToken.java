package dev.triagebot.bot.github;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.kohsuke.github.GHAppInstallation;
import org.kohsuke.github.GHAppInstallationToken;
import org.kohsuke.github.GitHub;
import org.kohsuke.github.authorization.AuthorizationProvider;

/**
 * Authenticates as one installation of the App: exchanges the App's JWT for an installation token
 * ({@code POST /app/installations/{id}/access_tokens}) and reuses it until shortly before it
 * expires, by the injected {@link Clock}.
 */
final class InstallationToken implements AuthorizationProvider {
  /** Renew this long before expiry, so that a request never starts with a token about to lapse. */
  static final Duration RENEW_BEFORE_EXPIRY = Duration.ofMinutes(5);

  /** Installation tokens live an hour; assume so if GitHub names no expiry. */
  private static final Duration ASSUMED_LIFETIME = Duration.ofHours(1);

  private final GitHub app;
  private final long installationId;
  private final Clock clock;

  private GHAppInstallation installation;
  private String token;
  private Instant renewAt = Instant.MIN;

  /**
   * @param app a client authenticated with the App's JWT
   */
  InstallationToken(GitHub app, long installationId, Clock clock) {
    this.app = app;
    this.installationId = installationId;
    this.clock = clock;
  }

  @Override
  public synchronized String getEncodedAuthorization() throws IOException {
    Instant now = clock.instant();
    if (token == null || !now.isBefore(renewAt)) {
      GHAppInstallationToken created = installation().createToken().create();
      Date expiresAt = created.getExpiresAt();
      Instant expiry = expiresAt == null ? now.plus(ASSUMED_LIFETIME) : expiresAt.toInstant();
      token = created.getToken();
      renewAt = expiry.minus(RENEW_BEFORE_EXPIRY);
    }
    return "token " + token;
  }

  /** Drops the token, e.g. after GitHub answered 401 to it: the next request mints a new one. */
  synchronized void forget() {
    token = null;
    renewAt = Instant.MIN;
  }

  /** Looked up once: only its id is used, to address the token request. */
  private GHAppInstallation installation() throws IOException {
    if (installation == null) {
      installation = app.getApp().getInstallationById(installationId);
    }
    return installation;
  }

  @Override
  public String toString() {
    return "InstallationToken[installation=" + installationId + "]";
  }
}
