package dev.triagebot.bot.github;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.kohsuke.github.GitHub;
import org.kohsuke.github.GitHubAbuseLimitHandler;
import org.kohsuke.github.GitHubBuilder;
import org.kohsuke.github.GitHubRateLimitHandler;
import org.kohsuke.github.RateLimitChecker;
import org.kohsuke.github.authorization.AuthorizationProvider;

/**
 * github-api clients, one per App installation (or one in token mode), each configured to fail
 * fast: github-api's default rate-limit and abuse-limit handlers sleep until the limit resets, and
 * its connection handling retries silently. Here both limit handlers throw at once and the
 * connector surfaces every transport error, so that the job queue alone decides when to retry.
 */
abstract class GitHubClients {

  /** The client that acts for this installation. */
  abstract GitHub forInstallation(long installationId);

  /** The credentials of that client, for the few requests github-api cannot make. */
  abstract AuthorizationProvider authorization(long installationId);

  /** The REST API root these clients talk to. */
  abstract URI apiUrl();

  /**
   * Throws away the installation's cached token, after GitHub refused it (revoked, rotated): the
   * next request mints a new one. Token mode has nothing to renew.
   *
   * @return whether there was a token to renew
   */
  abstract boolean forgetToken(long installationId);

  /**
   * The login GitHub shows as the author of what these clients write: {@code <slug>[bot]} for an
   * App ({@code GET /app}), the token's user ({@code GET /user}) in token mode.
   */
  abstract String ownLogin() throws IOException;

  /** Token mode: one client for every event, authenticated with a fixed token. */
  static GitHubClients token(URI apiUrl, String token, GitHubCalls calls) {
    return token(apiUrl, token, TimeoutConnector.REQUEST_TIMEOUT, calls);
  }

  /** Token mode with a request timeout of its own (tests of a slow GitHub). */
  static GitHubClients token(URI apiUrl, String token, Duration requestTimeout, GitHubCalls calls) {
    // Not github-api's own token provider: that one looks up the token's login (GET /user) when
    // the client is built, a request we neither need nor may make with an installation token.
    AuthorizationProvider fixed = new FixedToken(token);
    GitHub client = build(apiUrl, fixed, requestTimeout, calls);
    return new GitHubClients() {
      @Override
      GitHub forInstallation(long installationId) {
        return client;
      }

      @Override
      AuthorizationProvider authorization(long installationId) {
        return fixed;
      }

      @Override
      URI apiUrl() {
        return apiUrl;
      }

      @Override
      boolean forgetToken(long installationId) {
        return false;
      }

      @Override
      String ownLogin() throws IOException {
        return client.getMyself().getLogin();
      }
    };
  }

  /** App mode: a client per installation, each with its own cached installation token. */
  static GitHubClients app(
      URI apiUrl, long appId, PrivateKey privateKey, Clock clock, GitHubCalls calls) {
    return app(apiUrl, appId, privateKey, clock, TimeoutConnector.REQUEST_TIMEOUT, calls);
  }

  /** App mode with a request timeout of its own (tests of a slow GitHub). */
  static GitHubClients app(
      URI apiUrl,
      long appId,
      PrivateKey privateKey,
      Clock clock,
      Duration requestTimeout,
      GitHubCalls calls) {
    GitHub app = build(apiUrl, new AppJwt(appId, privateKey, clock), requestTimeout, calls);
    Map<Long, InstallationToken> tokens = new ConcurrentHashMap<>();
    Map<Long, GitHub> installations = new ConcurrentHashMap<>();
    return new GitHubClients() {
      @Override
      GitHub forInstallation(long installationId) {
        return installations.computeIfAbsent(
            installationId, id -> build(apiUrl, authorization(id), requestTimeout, calls));
      }

      @Override
      AuthorizationProvider authorization(long installationId) {
        if (installationId <= 0) {
          throw new IllegalArgumentException(
              "the event names no App installation; in App mode every event must come through one");
        }
        return tokens.computeIfAbsent(installationId, id -> new InstallationToken(app, id, clock));
      }

      @Override
      URI apiUrl() {
        return apiUrl;
      }

      @Override
      boolean forgetToken(long installationId) {
        InstallationToken token = tokens.get(installationId);
        if (token == null) {
          return false;
        }
        token.forget();
        return true;
      }

      @Override
      String ownLogin() throws IOException {
        return app.getApp().getSlug() + "[bot]";
      }
    };
  }

  private static GitHub build(
      URI apiUrl, AuthorizationProvider authorization, Duration requestTimeout, GitHubCalls calls) {
    String endpoint = apiUrl.toString().replaceAll("/+$", "");
    try {
      return new GitHubBuilder()
          .withEndpoint(endpoint)
          .withAuthorizationProvider(authorization)
          .withConnector(
              new TimeoutConnector(TimeoutConnector.CONNECT_TIMEOUT, requestTimeout, calls))
          .withRateLimitHandler(GitHubRateLimitHandler.FAIL)
          .withAbuseLimitHandler(GitHubAbuseLimitHandler.FAIL)
          .withRateLimitChecker(RateLimitChecker.NONE)
          .build();
    } catch (IOException unexpected) {
      // build() makes no request; it declares IOException for historical reasons.
      throw new UncheckedIOException(unexpected);
    }
  }

  /** A token given in the settings; never printed. */
  private record FixedToken(String token) implements AuthorizationProvider {
    @Override
    public String getEncodedAuthorization() {
      return "token " + token;
    }

    @Override
    public String toString() {
      return "FixedToken[***]";
    }
  }
}
