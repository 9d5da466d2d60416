package dev.triagebot.bot.setup;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

/** The page's wording for each outcome; values are escaped, and no credential is shown. */
class SetupPageTest {
  final SetupPage page = new SetupPage();

  @Test
  void anAppWithoutAWebhookSecretIsCreatedButTheOperatorIsToldToSetOneAndRestart() {
    CreatedApp app =
        new CreatedApp(
            7, "bot", "octo-org", URI.create("https://github.com/apps/bot"), "PEM-TEXT", null);

    String html = page.created(app, false);

    assertThat(html)
        .contains("id=\"no-webhook-secret\"", "TRIAGE_GITHUB_WEBHOOK_SECRET")
        .contains("Restart the service now")
        .doesNotContain("PEM-TEXT", "id=\"reloading\"");
  }

  @Test
  void valuesAreEscaped() {
    String html = page.problem("<script>alert(1)</script>");

    assertThat(html).doesNotContain("<script>").contains("&lt;script&gt;");
  }

  @Test
  void theFormMayPostOnlyHereAndToGitHub() {
    assertThat(page.contentSecurityPolicy(URI.create("https://github.example.test/")))
        .contains("form-action 'self' https://github.example.test;")
        .contains("default-src 'none'")
        .doesNotContain("script-src", "unsafe");
  }
}
