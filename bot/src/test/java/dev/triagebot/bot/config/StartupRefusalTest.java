package dev.triagebot.bot.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.triagebot.bot.TriageBotApplication;
import dev.triagebot.bot.webhook.MissingWebhookSecretException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** The service will not listen for webhooks it cannot verify when it may write to GitHub. */
@ExtendWith(OutputCaptureExtension.class)
class StartupRefusalTest {

  @Test
  void suggestModeWithoutAWebhookSecretRefusesToStartAndSaysWhatToSet(CapturedOutput output) {
    SpringApplicationBuilder service =
        new SpringApplicationBuilder(TriageBotApplication.class).web(WebApplicationType.SERVLET);

    assertThatThrownBy(
            () ->
                service.run(
                    "--server.port=0",
                    "--triage.mode=suggest",
                    // GitHub credentials present, so that the missing secret is the one problem.
                    "--triage.github.token=ghp_not_used",
                    "--spring.datasource.url=jdbc:h2:mem:startup-refusal;DB_CLOSE_DELAY=-1"))
        .hasRootCauseInstanceOf(MissingWebhookSecretException.class);

    assertThat(output.toString())
        .contains("APPLICATION FAILED TO START")
        .contains("refuses to start")
        .contains("Set TRIAGE_GITHUB_WEBHOOK_SECRET")
        .doesNotContain("Tomcat started on port");
  }
}
