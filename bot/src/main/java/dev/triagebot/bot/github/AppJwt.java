package dev.triagebot.bot.github;

import io.jsonwebtoken.Jwts;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Objects;

/**
 * Authenticates as the GitHub App itself, with a JWT signed by the App's private key. Used only to
 * exchange for installation tokens and to ask who the App is. It takes a {@link Clock} so that
 * tests control expiry.
 */
final class AppJwt implements GitHubHttp.Authorization {
  /** Issued in the past to absorb clock drift between us and GitHub, as GitHub recommends. */
  static final Duration BACKDATE = Duration.ofSeconds(60);

  /** GitHub rejects JWTs that live longer than 10 minutes; stay inside that from {@code iat}. */
  static final Duration LIFETIME = Duration.ofMinutes(10).minusSeconds(30);

  private final String appId;
  private final PrivateKey privateKey;
  private final Clock clock;

  AppJwt(long appId, PrivateKey privateKey, Clock clock) {
    this.appId = Long.toString(appId);
    this.privateKey = Objects.requireNonNull(privateKey, "privateKey");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public String header() {
    // A fresh JWT per call: it is only needed when an installation token is due, rarely.
    Instant issuedAt = clock.instant().minus(BACKDATE);
    String jwt =
        Jwts.builder()
            .issuer(appId)
            .issuedAt(Date.from(issuedAt))
            .expiration(Date.from(issuedAt.plus(LIFETIME)))
            .signWith(privateKey, Jwts.SIG.RS256)
            .compact();
    return "Bearer " + jwt;
  }

  @Override
  public String toString() {
    return "AppJwt[appId=" + appId + "]";
  }
}
