package dev.triagebot.bot.setup;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.triagebot.bot.github.FakeGitHub;
import dev.triagebot.bot.github.GitHubProperties;
import dev.triagebot.bot.github.TestKeys;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.util.HtmlUtils;

/**
 * What /setup refuses: a return from GitHub that this browser did not start, a state used twice, a
 * code GitHub does not know or that cannot be GitHub's; and once credentials exist, everything. A
 * refusal stores nothing, and asks GitHub nothing when the state is wrong. The service here does
 * not reload (it is a shared test context), so a successful setup asks for a restart. The test that
 * completes setup runs last: it closes the page for the others.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SetupRefusalsTest {
  static final FakeGitHub GITHUB = new FakeGitHub();
  static final Path DATA_DIR = temporaryFolder();
  static final Pattern STATE = Pattern.compile("\\?state=([A-Za-z0-9_-]+)\"");
  static final String UNKNOWN_CODE = "0000aaaa1111bbbb2222";

  @DynamicPropertySource
  static void settings(DynamicPropertyRegistry settings) {
    settings.add("triage.data-dir", DATA_DIR::toString);
    settings.add("spring.datasource.url", () -> "jdbc:h2:mem:setup-refusals");
    settings.add("triage.github.api-url", () -> GITHUB.apiUrl().toString());
    settings.add("triage.setup.github-url", () -> "https://github.example.test");
    settings.add("triage.setup.reload", () -> "false");
    settings.add("triage.review.reaction-polling", () -> "false");
  }

  @AfterAll
  static void stopFakeGitHub() {
    GITHUB.close();
  }

  @LocalServerPort int port;
  @Autowired StoredAppCredentials stored;
  final HttpClient http = HttpClient.newHttpClient();

  @Test
  @Order(1)
  void aReturnWithoutTheStateCookieIsRefusedBeforeGitHubIsAsked() throws Exception {
    String state = newSetup();

    HttpResponse<String> back = created(UNKNOWN_CODE, state, null);

    assertThat(back.statusCode()).isEqualTo(400);
    assertThat(back.body()).contains("does not belong to a setup started in this browser");
    assertThat(back.headers().firstValue("Content-Security-Policy").orElseThrow())
        .startsWith("default-src 'none'");
    assertThat(GITHUB.requests()).noneMatch(r -> r.startsWith("POST /app-manifests"));
    assertThat(stored.exist()).isFalse();
  }

  @Test
  @Order(2)
  void aStateThisServiceNeverIssuedIsRefused() throws Exception {
    HttpResponse<String> back = created(UNKNOWN_CODE, "forged-state", "forged-state");

    assertThat(back.statusCode()).isEqualTo(400);
    assertThat(GITHUB.requests()).noneMatch(r -> r.startsWith("POST /app-manifests"));
  }

  @Test
  @Order(3)
  void aCodeGitHubRefusesIsReportedAndTheStateIsThenUsedUp() throws Exception {
    GITHUB.stub(
        post(urlPathEqualTo(Conversions.path(UNKNOWN_CODE))),
        FakeGitHub.json(404, Map.of("message", "Not Found")));
    String state = newSetup();

    HttpResponse<String> back = created(UNKNOWN_CODE, state, state);
    HttpResponse<String> replayed = created(UNKNOWN_CODE, state, state);

    assertThat(back.statusCode()).isEqualTo(502);
    assertThat(back.body())
        .contains("GitHub did not accept the code (HTTP 404)")
        .doesNotContain(UNKNOWN_CODE);
    assertThat(replayed.statusCode()).isEqualTo(400);
    assertThat(GITHUB.received("POST", Conversions.path(UNKNOWN_CODE))).hasSize(1);
    assertThat(stored.exist()).isFalse();
  }

  @Test
  @Order(4)
  void textThatCannotBeGitHubsCodeIsRefusedWithoutAsking() throws Exception {
    String state = newSetup();

    HttpResponse<String> back = created("..%2F..%2Fuser", state, state);

    assertThat(back.statusCode()).isEqualTo(400);
    assertThat(back.body()).contains("no valid code");
    assertThat(GITHUB.requests()).noneMatch(r -> r.contains("user"));
  }

  @Test
  @Order(5)
  void withoutReloadTheOperatorIsToldToRestartAndSetupThenCloses() throws Exception {
    Conversions.stub(GITHUB, FakeGitHubWeb.CODE, TestKeys.pkcs1Pem());
    String state = newSetup();

    HttpResponse<String> back = created(FakeGitHubWeb.CODE, state, state);

    assertThat(back.statusCode()).isEqualTo(200);
    assertThat(back.body()).contains("Restart the service now").doesNotContain("id=\"reloading\"");
    assertThat(stored.exist()).isTrue();
    HttpResponse<String> setup = get("/setup", null);
    assertThat(setup.statusCode()).isEqualTo(404);
    assertThat(setup.body()).contains("configured already").doesNotContain("<form");
    assertThat(created(FakeGitHubWeb.CODE, state, state).statusCode()).isEqualTo(404);
  }

  @Test
  void credentialsInTheSettingsCloseSetup() {
    GitHubProperties token =
        new GitHubProperties(
            null, null, null, null, "ghp_set", URI.create("https://api.github.com"));
    SetupController controller =
        new SetupController(
            new SetupProperties(null, null, URI.create("https://github.com"), false),
            token,
            new StoredAppCredentials(temporaryFolder()),
            new ServiceReload(),
            Clock.systemUTC());

    var answer = controller.setup(new MockHttpServletRequest("GET", "/setup"));

    assertThat(answer.getStatusCode().value()).isEqualTo(404);
    assertThat(answer.getBody()).contains("configured already");
  }

  /** Opens /setup and returns the state it drew. */
  private String newSetup() throws Exception {
    HttpResponse<String> page = get("/setup", null);
    assertThat(page.statusCode()).isEqualTo(200);
    Matcher state = STATE.matcher(HtmlUtils.htmlUnescape(page.body()));
    assertThat(state.find()).isTrue();
    return state.group(1);
  }

  private HttpResponse<String> created(String code, String state, String cookie) throws Exception {
    return get("/setup/created?code=" + code + "&state=" + state, cookie);
  }

  private HttpResponse<String> get(String path, String stateCookie) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET();
    if (stateCookie != null) {
      request.header("Cookie", SetupController.STATE_COOKIE + "=" + stateCookie);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static Path temporaryFolder() {
    try {
      Path folder = Files.createTempDirectory("setup-refusals");
      folder.toFile().deleteOnExit();
      return folder;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
