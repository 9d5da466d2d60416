package dev.triagebot.bot.review;

import static dev.triagebot.bot.github.FakeGitHub.issuePath;
import static org.assertj.core.api.Assertions.assertThat;

import dev.triagebot.bot.HeadlessChromium;
import dev.triagebot.bot.github.FakeGitHub;
import dev.triagebot.bot.issue.IssueSnapshot;
import dev.triagebot.classifier.catalog.SignatureCatalog;
import dev.triagebot.classifier.match.Evidence;
import dev.triagebot.classifier.match.SignatureMatch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The review page in a real headless Chromium: given the service on a random port, a fake GitHub
 * and one pending suggestion, when a maintainer signs in with the token and clicks Accept, then the
 * page says the request is queued, and once a worker has run it GitHub has received exactly the
 * request adding the suggested labels. Saves a screenshot to {@code target/review-page.png}. Skips
 * loudly without Debian's chromium and chromium-driver; fails under CI, which installs them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ReviewPageInChromiumTest {
  static final String REPO = "anthropics/claude-code";
  static final int NUMBER = 61777;
  static final String TOKEN = "review-token-for-the-browser-test";
  static final FakeGitHub GITHUB = new FakeGitHub();

  @DynamicPropertySource
  static void settings(DynamicPropertyRegistry settings) {
    settings.add("spring.datasource.url", () -> "jdbc:h2:mem:review-page-" + UUID.randomUUID());
    settings.add("triage.github.webhook-secret", () -> "review-page-secret");
    settings.add("triage.github.token", () -> "ghp_review_page");
    settings.add("triage.github.api-url", () -> GITHUB.apiUrl().toString());
    settings.add("triage.mode", () -> "suggest");
    settings.add("triage.review.token", () -> TOKEN);
    settings.add("triage.review.reaction-polling", () -> "false");
  }

  @AfterAll
  static void stopFakeGitHub() {
    GITHUB.close();
  }

  @LocalServerPort int port;
  @Autowired Suggestions suggestions;
  @Autowired SignatureCatalog catalog;

  HeadlessChromium chromium;
  ChromeDriver browser;

  @BeforeEach
  void startChromium() throws Exception {
    chromium = HeadlessChromium.start("the review page");
    browser = chromium.browser();
  }

  @AfterEach
  void stopChromium() throws Exception {
    if (chromium != null) {
      chromium.close();
    }
  }

  @Test
  void aMaintainerSignsInClicksAcceptAndGitHubReceivesExactlyTheSuggestedLabels() throws Exception {
    // given a pending suggestion of two labels, which the repository defines
    GITHUB
        .hasRepository(REPO)
        .hasIssue(REPO, NUMBER)
        .hasLabels(REPO, "area:auth", "area:mcp", "bug")
        .acceptsLabels(REPO, NUMBER);
    long id = pendingSuggestion();

    // when a maintainer signs in with the token
    String base = "http://127.0.0.1:" + port;
    browser.get(base + "/review");
    browser.findElement(By.id("token")).sendKeys(TOKEN);
    browser.findElement(By.id("sign-in")).click();
    new WebDriverWait(browser, Duration.ofSeconds(10))
        .until(b -> !b.findElements(By.id("suggestion-" + id)).isEmpty());
    assertThat(browser.findElement(By.id("suggestion-" + id)).getText())
        .contains("MCP server stays in Needs authentication", "mcp-oauth-token-not-honored", "93%");
    Path shot = browser.getScreenshotAs(OutputType.FILE).toPath();
    Files.copy(shot, Path.of("target/review-page.png"), StandardCopyOption.REPLACE_EXISTING);

    // and clicks Accept: the page queues the request and says so at once
    browser.findElement(By.id("accept-" + id)).click();
    new WebDriverWait(browser, Duration.ofSeconds(10))
        .until(b -> !b.findElements(By.id("queued")).isEmpty());
    assertThat(browser.findElement(By.id("queued")).getText())
        .contains("suggestion " + id + " is queued");
    // and a worker carries it out: reloading shows it done
    new WebDriverWait(browser, Duration.ofSeconds(10), Duration.ofMillis(200))
        .until(
            b -> {
              b.navigate().refresh();
              return !b.findElements(By.id("no-pending")).isEmpty();
            });

    // then GitHub received exactly the labels, and nothing else was written
    assertThat(GITHUB.writes()).containsExactly("POST " + issuePath(REPO, NUMBER) + "/labels");
    assertThat(
            GITHUB.received("POST", issuePath(REPO, NUMBER) + "/labels").get(0).getBodyAsString())
        .isEqualTo("{\"labels\":[\"area:auth\",\"area:mcp\"]}");
    assertThat(GITHUB.unmatched()).isEmpty();
    assertThat(suggestions.find(id).orElseThrow().status()).isEqualTo(SuggestionStatus.ACCEPTED);
    assertThat(browser.findElement(By.id("decisions")).getText())
        .contains("accepted", "review page");
    Files.copy(
        browser.getScreenshotAs(OutputType.FILE).toPath(),
        Path.of("target/review-page-after-accept.png"),
        StandardCopyOption.REPLACE_EXISTING);
  }

  private long pendingSuggestion() {
    IssueSnapshot issue =
        new IssueSnapshot(
            0,
            REPO,
            NUMBER,
            "MCP server stays in Needs authentication after OAuth",
            "Authentication successful, but the server still shows needs authentication.",
            List.of(),
            "river-okafor",
            false,
            false,
            "open",
            "https://github.com/" + REPO + "/issues/" + NUMBER);
    SignatureMatch match =
        new SignatureMatch(
            catalog.find("mcp-oauth-token-not-honored").orElseThrow(),
            6.1,
            0.93,
            true,
            List.of(
                new Evidence(
                    "auth-completed",
                    Evidence.Kind.SIGNAL,
                    "body",
                    "Authentication successful",
                    3.0),
                new Evidence(
                    "needs-auth", Evidence.Kind.SIGNAL, "title", "Needs authentication", 2.5)));
    return suggestions.record(
        issue, match, 60260, 5001L, List.of(), List.of("area:auth", "area:mcp"));
  }
}
