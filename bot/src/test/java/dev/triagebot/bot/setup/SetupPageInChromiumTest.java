package dev.triagebot.bot.setup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.triagebot.bot.HeadlessChromium;
import dev.triagebot.bot.github.FakeGitHub;
import dev.triagebot.bot.github.TestKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * /setup clicked through in a real headless Chromium, which enforces the page's Content Security
 * Policy: given the service without credentials, a fake GitHub API and web, when the operator
 * clicks the button, confirms on GitHub's page and is sent back, then the page names the App and
 * links its installation, the service reloads by itself, and /setup is closed. Screenshots go to
 * {@code target/setup-page.png} and {@code target/setup-created.png}.
 */
class SetupPageInChromiumTest {
  @TempDir Path dataDir;
  final FakeGitHub api = new FakeGitHub();
  final FakeGitHubWeb web = new FakeGitHubWeb();
  HeadlessChromium chromium;
  SetupService service;

  @AfterEach
  void stop() throws Exception {
    if (chromium != null) {
      chromium.close();
    }
    if (service != null) {
      service.close();
    }
    web.close();
    api.close();
  }

  @Test
  void theOperatorClicksThroughSetupAndIsToldToInstallTheApp() throws Exception {
    chromium = HeadlessChromium.start("/setup");
    ChromeDriver browser = chromium.browser();
    Conversions.stub(api, FakeGitHubWeb.CODE, TestKeys.pkcs1Pem());
    service = new SetupService(dataDir, api.apiUrl(), web.url());

    // when the operator opens /setup and clicks the one button
    browser.get(service.url("/setup").toString());
    assertThat(browser.findElement(By.id("webhook-url")).getText())
        .isEqualTo(service.url("/github/webhook").toString());
    screenshot(browser, "setup-page.png");
    browser.findElement(By.id("create-app")).click();

    // then GitHub shows its confirmation, with the manifest received
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    wait.until(b -> !b.findElements(By.id("confirm")).isEmpty());
    assertThat(web.received()).hasSize(1);
    assertThat(web.received().get(0).manifest().path("redirect_url").asString())
        .isEqualTo(service.url("/setup/created").toString());

    // when the operator confirms, GitHub sends the browser back with the code
    browser.findElement(By.id("confirm")).click();
    wait.until(b -> !b.findElements(By.id("install")).isEmpty());

    // then the page names the App and the next step
    assertThat(browser.findElement(By.id("created")).getText())
        .contains(Conversions.SLUG, "id " + Conversions.APP_ID);
    assertThat(browser.findElement(By.id("install")).getAttribute("href"))
        .isEqualTo("https://github.com/apps/" + Conversions.SLUG + "/installations/new");
    assertThat(browser.findElement(By.id("reloading")).getText()).contains("No restart is needed");
    assertThat(browser.getPageSource())
        .doesNotContain(Conversions.WEBHOOK_SECRET, Conversions.CLIENT_SECRET, "PRIVATE KEY");
    screenshot(browser, "setup-created.png");

    // and once the service has reloaded, setup is closed
    service.awaitReload(Duration.ofSeconds(90));
    browser.get(service.url("/setup").toString());
    assertThat(browser.findElement(By.id("closed")).getText()).contains("configured already");
    assertThat(browser.findElements(By.tagName("form"))).isEmpty();
  }

  private static void screenshot(ChromeDriver browser, String name) throws Exception {
    Files.copy(
        browser.getScreenshotAs(OutputType.FILE).toPath(),
        Path.of("target", name),
        StandardCopyOption.REPLACE_EXISTING);
  }
}
