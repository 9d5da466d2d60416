package dev.triagebot.bot.github;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static dev.triagebot.bot.github.FakeGitHub.issuePath;
import static org.assertj.core.api.Assertions.assertThat;

import dev.triagebot.bot.issue.IssueRef;
import dev.triagebot.bot.issue.RepositoryRef;
import dev.triagebot.bot.queue.MutableClock;
import io.jsonwebtoken.Claims;
import io.jsonwebtoken.Jws;
import io.jsonwebtoken.Jwts;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * GitHub App authentication against a fake GitHub: the App's JWT is exchanged for an installation
 * token, which is reused until shortly before it expires, with keys in either PEM form GitHub App
 * keys come in.
 */
class GitHubAppAuthTest {
  static final String REPO = "octo-org/triage-sandbox";
  static final long APP_ID = 123456;
  static final long INSTALLATION = 4242;
  static final IssueRef ISSUE = new IssueRef(new RepositoryRef(INSTALLATION, REPO), 7);
  static final Instant START = Instant.parse("2026-05-04T10:00:00Z");
  static final String TOKENS = "/app/installations/" + INSTALLATION + "/access_tokens";

  FakeGitHub github;
  MutableClock clock;

  @BeforeEach
  void fakeGitHubWithAnAppInstallation() {
    github = new FakeGitHub();
    clock = new MutableClock(START);
    github.hasRepository(REPO).hasIssue(REPO, 7).hasComments(REPO, 7);
    github.hasApp(APP_ID, INSTALLATION);
    // Each token lives an hour from the moment it is created, as on GitHub.
    github
        .server()
        .stubFor(
            post(urlPathEqualTo(TOKENS))
                .inScenario("tokens")
                .whenScenarioStateIs(STARTED)
                .willReturn(
                    FakeGitHub.json(201, token("ghs_first", START.plus(Duration.ofHours(1)))))
                .willSetStateTo("one issued"));
    github
        .server()
        .stubFor(
            post(urlPathEqualTo(TOKENS))
                .inScenario("tokens")
                .whenScenarioStateIs("one issued")
                .willReturn(
                    FakeGitHub.json(
                        201, token("ghs_second", START.plus(Duration.ofMinutes(56 + 60)))))
                .willSetStateTo("two issued"));
  }

  @AfterEach
  void stopFakeGitHub() {
    github.close();
  }

  @ParameterizedTest(name = "with a {0} key")
  @ValueSource(strings = {"PKCS#1", "PKCS#8"})
  void theAppsJwtIsExchangedForAnInstallationTokenThatAuthenticatesTheCalls(String form) {
    String pem = form.equals("PKCS#1") ? TestKeys.pkcs1Pem() : TestKeys.pkcs8Pem();
    GitHubOperations operations =
        GitHubRestOperations.asApp(github.apiUrl(), APP_ID, PrivateKeyPem.parse(pem), clock);

    operations.comments(ISSUE);

    assertThat(github.requests())
        .containsExactly("POST " + TOKENS, "GET " + issuePath(REPO, 7) + "/comments?per_page=100");
    Claims jwt = verifiedJwt(github.received("POST", TOKENS).get(0).getHeader("Authorization"));
    assertThat(jwt.getIssuer()).isEqualTo(Long.toString(APP_ID));
    assertThat(jwt.getIssuedAt().toInstant()).isEqualTo(START.minusSeconds(60));
    assertThat(jwt.getExpiration().toInstant())
        .isAfter(START)
        .isBeforeOrEqualTo(START.minusSeconds(60).plus(Duration.ofMinutes(10)));
    assertThat(
            github
                .received("GET", issuePath(REPO, 7) + "/comments")
                .get(0)
                .getHeader("Authorization"))
        .isEqualTo("token ghs_first");
    assertThat(github.unmatched()).isEmpty();
  }

  @Test
  void theInstallationTokenIsCachedUntilShortlyBeforeItExpiresThenRenewedOnce() {
    GitHubOperations operations =
        GitHubRestOperations.asApp(
            github.apiUrl(), APP_ID, PrivateKeyPem.parse(TestKeys.pkcs1Pem()), clock);

    operations.comments(ISSUE);
    clock.advance(Duration.ofMinutes(50));
    operations.comments(ISSUE);
    github.server().verify(exactly(1), postRequestedFor(urlPathEqualTo(TOKENS)));

    clock.advance(Duration.ofMinutes(6));
    operations.comments(ISSUE);
    operations.comments(ISSUE);

    github.server().verify(exactly(2), postRequestedFor(urlPathEqualTo(TOKENS)));
    List<String> commentListings =
        github.received("GET", issuePath(REPO, 7) + "/comments").stream()
            .map(r -> r.getHeader("Authorization"))
            .toList();
    assertThat(commentListings)
        .containsExactly(
            "token ghs_first", "token ghs_first", "token ghs_second", "token ghs_second");
    // the token is asked for by installation id: no lookup of the App or the installation first
    assertThat(github.requests()).filteredOn(r -> r.startsWith("GET /app")).isEmpty();
    Claims renewal = verifiedJwt(github.received("POST", TOKENS).get(1).getHeader("Authorization"));
    assertThat(renewal.getIssuedAt().toInstant())
        .isEqualTo(START.plus(Duration.ofMinutes(56)).minusSeconds(60));
  }

  @Test
  void aTokenRefusedWith401IsRenewedAndTheRequestRepeatedOnceOnEveryPath() {
    GitHubOperations operations =
        GitHubRestOperations.asApp(
            github.apiUrl(), APP_ID, PrivateKeyPem.parse(TestKeys.pkcs8Pem()), clock);
    // The first token is revoked on GitHub before it expires; the second one works.
    github
        .server()
        .stubFor(
            get(urlPathEqualTo(issuePath(REPO, 7) + "/comments"))
                .withHeader("Authorization", equalTo("token ghs_first"))
                .atPriority(1)
                .willReturn(FakeGitHub.json(401, Map.of("message", "Bad credentials"))));

    // Two operations on the same listing: each renews at most once.
    operations.comments(ISSUE);
    assertThat(operations.authoredComments(ISSUE)).isEmpty();

    github.server().verify(exactly(2), postRequestedFor(urlPathEqualTo(TOKENS)));
    assertThat(
            github.received("GET", issuePath(REPO, 7) + "/comments").stream()
                .map(r -> r.getHeader("Authorization"))
                .toList())
        .containsExactly("token ghs_first", "token ghs_second", "token ghs_second");
  }

  private Claims verifiedJwt(String authorization) {
    assertThat(authorization).startsWith("Bearer ");
    Jws<Claims> jws =
        Jwts.parser()
            .verifyWith((RSAPublicKey) TestKeys.PAIR.getPublic())
            .clock(() -> Date.from(clock.instant()))
            .build()
            .parseSignedClaims(authorization.substring("Bearer ".length()));
    assertThat(jws.getHeader().getAlgorithm()).isEqualTo("RS256");
    return jws.getPayload();
  }

  static Map<String, Object> token(String token, Instant expiresAt) {
    return Map.of(
        "token",
        token,
        "expires_at",
        expiresAt.toString(),
        "permissions",
        Map.of("issues", "write", "metadata", "read"),
        "repository_selection",
        "selected");
  }
}
