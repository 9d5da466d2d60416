package dev.triagebot.bot.github;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.PrivateKey;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who the bot is on GitHub: a GitHub App (an installation token per installation) or a fixed token
 * (one repository, for trying the bot out).
 */
interface GitHubCredentials {

  /** How requests for this installation authenticate (0 in token mode). */
  GitHubHttp.Authorization forInstallation(long installationId);

  /**
   * The login GitHub shows as the author of what these credentials write: {@code <slug>[bot]} for
   * an App ({@code GET /app}), the token's user ({@code GET /user}) in token mode.
   */
  String ownLogin(GitHubHttp http);

  /**
   * From the deployment settings: App mode when an App id and key are set, token mode when a token
   * is. Settings that name both, or neither, are refused.
   */
  static GitHubCredentials from(GitHubProperties settings, GitHubHttp http, Clock clock) {
    boolean token = settings.token() != null && !settings.token().isBlank();
    boolean app = settings.appId() != null;
    if (token && app) {
      throw new IllegalStateException(
          "both triage.github.token and triage.github.app-id are set: choose token mode (a single"
              + " repository) or App mode, not both");
    }
    if (token) {
      return new FixedToken(settings.token());
    }
    if (app) {
      return new App(http, new AppJwt(settings.appId(), privateKey(settings), clock), clock);
    }
    throw new IllegalStateException(
        "no GitHub credentials: set TRIAGE_GITHUB_APP_ID with TRIAGE_GITHUB_PRIVATE_KEY_PATH (or"
            + " TRIAGE_GITHUB_PRIVATE_KEY), or TRIAGE_GITHUB_TOKEN");
  }

  private static PrivateKey privateKey(GitHubProperties settings) {
    if (settings.privateKey() != null && !settings.privateKey().isBlank()) {
      return PrivateKeyPem.parse(settings.privateKey());
    }
    if (settings.privateKeyPath() == null) {
      throw new IllegalStateException(
          "triage.github.app-id is set but no private key: set TRIAGE_GITHUB_PRIVATE_KEY_PATH"
              + " (or TRIAGE_GITHUB_PRIVATE_KEY)");
    }
    try {
      return PrivateKeyPem.parse(
          Files.readString(settings.privateKeyPath(), StandardCharsets.US_ASCII));
    } catch (IOException unreadable) {
      throw new IllegalStateException(
          "cannot read the private key file " + settings.privateKeyPath(), unreadable);
    }
  }

  /** A token given in the settings, the same for every request; never printed. */
  record FixedToken(String token) implements GitHubCredentials, GitHubHttp.Authorization {
    @Override
    public GitHubHttp.Authorization forInstallation(long installationId) {
      return this;
    }

    @Override
    public String header() {
      return "token " + token;
    }

    @Override
    public String ownLogin(GitHubHttp http) {
      return http.get("look up the token's user", this, "/user").json().path("login").asText();
    }

    @Override
    public String toString() {
      return "FixedToken[***]";
    }
  }

  /** The App: its JWT, and a cached token per installation. */
  final class App implements GitHubCredentials {
    private final GitHubHttp http;
    private final AppJwt jwt;
    private final Clock clock;
    private final Map<Long, InstallationToken> tokens = new ConcurrentHashMap<>();

    App(GitHubHttp http, AppJwt jwt, Clock clock) {
      this.http = http;
      this.jwt = jwt;
      this.clock = clock;
    }

    @Override
    public GitHubHttp.Authorization forInstallation(long installationId) {
      if (installationId <= 0) {
        throw new IllegalArgumentException(
            "the event names no App installation; in App mode every event must come through one");
      }
      return tokens.computeIfAbsent(
          installationId, id -> new InstallationToken(http, jwt, id, clock));
    }

    @Override
    public String ownLogin(GitHubHttp http) {
      return http.get("look up the App", jwt, "/app").json().path("slug").asText() + "[bot]";
    }
  }
}
