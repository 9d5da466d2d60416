package dev.triagebot.bot;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's chromium and chromium-driver, headless, with a profile of its own; skips the calling
 * test loudly where they are absent, and fails it under CI, which installs them.
 */
public final class HeadlessChromium implements AutoCloseable {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  private final Path profile;
  private final ChromeDriver browser;

  private HeadlessChromium(Path profile, ChromeDriver browser) {
    this.profile = profile;
    this.browser = browser;
  }

  public static HeadlessChromium start(String whatIsNotTested) throws IOException {
    if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
      String why =
          "SKIPPED LOUDLY: /usr/bin/chromium or /usr/bin/chromedriver is missing, so "
              + whatIsNotTested
              + " is not tested in a browser (apt-get install chromium chromium-driver)";
      if (System.getenv("CI") != null) {
        throw new AssertionError(why + "; CI installs them in .ci/run");
      }
      System.err.println(why);
      assumeTrue(false, why);
    }
    // Selenium Manager must not look for (or download) drivers, nor report usage.
    System.setProperty("SE_AVOID_STATS", "true");
    Path profile = Files.createTempDirectory("chromium-profile");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toString());
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1400,900",
        "--user-data-dir=" + profile);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
    return new HeadlessChromium(profile, new ChromeDriver(service, options));
  }

  public ChromeDriver browser() {
    return browser;
  }

  @Override
  public void close() throws IOException {
    browser.quit();
    try (Stream<Path> files = Files.walk(profile)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
