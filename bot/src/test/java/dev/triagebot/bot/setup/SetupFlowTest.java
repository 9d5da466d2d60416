package dev.triagebot.bot.setup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.triagebot.bot.github.FakeGitHub;
import dev.triagebot.bot.github.TestKeys;
import dev.triagebot.bot.webhook.WebhookSecret;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.web.util.HtmlUtils;

/**
 * The whole manifest flow as a browser makes it, against the fake GitHub: given the service started
 * without credentials, when the operator opens /setup, sends the manifest to GitHub, confirms there
 * and comes back, then the credentials are stored owner-only, the page names the next step, and the
 * service reloads into App mode with the App's webhook secret, nothing restarted by hand and no
 * secret in the log.
 */
@ExtendWith(OutputCaptureExtension.class)
class SetupFlowTest {
  static final Pattern ACTION = Pattern.compile("<form method=\"post\" action=\"([^\"]+)\"");
  static final Pattern MANIFEST = Pattern.compile("name=\"manifest\" value=\"([^\"]+)\"");

  @TempDir Path dataDir;
  final FakeGitHub api = new FakeGitHub();
  final FakeGitHubWeb web = new FakeGitHubWeb();
  final CookieManager cookies = new CookieManager();
  final HttpClient browser = HttpClient.newBuilder().cookieHandler(cookies).build();
  SetupService service;

  @AfterEach
  void stop() {
    if (service != null) {
      service.close();
    }
    web.close();
    api.close();
  }

  @Test
  void theOperatorCreatesTheAppAndTheServiceTakesItUpWithoutARestart(CapturedOutput output)
      throws Exception {
    // given the service without credentials, in dry-run with the development secret
    String pem = TestKeys.pkcs1Pem();
    Conversions.stub(api, FakeGitHubWeb.CODE, pem);
    service = new SetupService(dataDir, api.apiUrl(), web.url());
    assertThat(service.ping(WebhookSecret.DEVELOPMENT_SECRET)).isEqualTo(200);

    // when the operator opens /setup
    HttpResponse<String> setup = get(service.url("/setup"));
    assertThat(setup.statusCode()).isEqualTo(200);
    assertThat(setup.headers().firstValue("Content-Security-Policy").orElseThrow())
        .startsWith("default-src 'none'; style-src 'sha256-")
        .contains("form-action 'self' " + web.url())
        .doesNotContain("script-src");
    assertThat(setup.headers().firstValue("X-Frame-Options")).hasValue("DENY");
    assertThat(setup.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
    assertThat(setup.headers().firstValue("Set-Cookie").orElseThrow())
        .contains("HttpOnly", "SameSite=Lax", "Path=/setup");

    // and clicks the button, which posts the manifest to GitHub
    String action = HtmlUtils.htmlUnescape(find(ACTION, setup.body()));
    String manifest = HtmlUtils.htmlUnescape(find(MANIFEST, setup.body()));
    assertThat(action).startsWith(web.url() + "/settings/apps/new?state=");
    HttpResponse<String> confirm =
        browser.send(
            HttpRequest.newBuilder(URI.create(action))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "manifest=" + URLEncoder.encode(manifest, StandardCharsets.UTF_8)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(confirm.statusCode()).isEqualTo(200);

    // then GitHub got the manifest with this service's addresses, and the state in the cookie
    FakeGitHubWeb.Received form = web.received().get(0);
    assertThat(form.manifest().path("hook_attributes").path("url").asString())
        .isEqualTo(service.url("/github/webhook").toString());
    assertThat(form.manifest().path("redirect_url").asString())
        .isEqualTo(service.url("/setup/created").toString());
    assertThat(form.manifest().path("default_events").toString())
        .isEqualTo("[\"issues\",\"issue_comment\",\"push\"]");
    HttpCookie stateCookie = cookies.getCookieStore().getCookies().get(0);
    assertThat(stateCookie.getValue()).isEqualTo(form.state());

    // when the operator confirms on GitHub, which sends the browser back with the code
    HttpResponse<String> created = get(FakeGitHubWeb.confirmation(form));

    // then the page names the App and the next step, and holds no secret
    assertThat(created.statusCode()).isEqualTo(200);
    assertThat(created.body())
        .contains(Conversions.SLUG, "id " + Conversions.APP_ID, "for octocat")
        .contains("href=\"https://github.com/apps/" + Conversions.SLUG + "/installations/new\"")
        .contains("id=\"reloading\"", "No restart is needed")
        .doesNotContain(Conversions.WEBHOOK_SECRET, Conversions.CLIENT_SECRET, "PRIVATE KEY");
    assertThat(api.requests()).containsExactly("POST " + Conversions.path(FakeGitHubWeb.CODE));

    // and the credentials are stored owner-only
    Path folder = dataDir.resolve("github-app");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder)))
        .isEqualTo("rwx------");
    assertThat(Files.readString(folder.resolve("private-key.pem"))).isEqualTo(pem);
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(folder.resolve("private-key.pem"))))
        .isEqualTo("rw-------");

    // and the service reloads: App mode, the App's webhook secret, the development one refused
    service.awaitReload(Duration.ofSeconds(90));
    assertThat(service.ping(Conversions.WEBHOOK_SECRET)).isEqualTo(200);
    assertThat(service.ping(WebhookSecret.DEVELOPMENT_SECRET)).isEqualTo(401);
    assertThat(output.toString()).contains("triage-bot mode: suggest");

    // and setup is closed
    HttpResponse<String> again = get(service.url("/setup"));
    assertThat(again.statusCode()).isEqualTo(404);
    assertThat(again.body()).contains("configured already");

    // and no secret reached the log
    assertThat(output.toString())
        .contains("GitHub App " + Conversions.SLUG + " (id " + Conversions.APP_ID + ") created")
        .doesNotContain(
            Conversions.WEBHOOK_SECRET,
            Conversions.CLIENT_SECRET,
            pem.lines().skip(1).findFirst().orElseThrow(),
            FakeGitHubWeb.CODE);
  }

  private HttpResponse<String> get(URI url) throws Exception {
    return browser.send(
        HttpRequest.newBuilder(url).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String find(Pattern pattern, String html) {
    Matcher found = pattern.matcher(html);
    assertThat(found.find()).as("%s in the page", pattern).isTrue();
    return found.group(1);
  }
}
