package dev.triagebot.bot.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.triagebot.bot.github.FakeGitHub;
import dev.triagebot.bot.issue.IssueSnapshot;
import dev.triagebot.bot.triage.IssueEvent;
import dev.triagebot.bot.triage.IssueTriage;
import dev.triagebot.bot.triage.TriageAudit;
import dev.triagebot.classifier.catalog.CatalogException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/**
 * The triage wiring in a Spring context of its own (no web server, no queue): the packaged catalog
 * and the real matcher behind {@link IssueTriage}, and start-up refusing bad settings.
 */
class TriageConfigurationTest {

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(TriageProperties.class)
  static class Settings {}

  final ApplicationContextRunner context =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  DataSourceAutoConfiguration.class,
                  DataSourceTransactionManagerAutoConfiguration.class,
                  JdbcTemplateAutoConfiguration.class,
                  JdbcClientAutoConfiguration.class,
                  FlywayAutoConfiguration.class))
          .withUserConfiguration(
              Settings.class,
              ClockConfiguration.class,
              StartupConfiguration.class,
              TriageConfiguration.class)
          .withPropertyValues(
              "spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID(),
              "triage.data-dir=target/test-data");

  @Test
  void withoutCredentialsTheBotRecognisesIssuesWithThePackagedCatalogInDryRun() {
    context.run(
        started -> {
          assertThat(started).hasNotFailed();

          started.getBean(IssueTriage.class).triage(exampleIssueOpened());

          List<TriageAudit.Entry> audited =
              started.getBean(TriageAudit.class).forIssue("octo-org/triage-sandbox", 12);
          assertThat(audited).hasSize(1);
          assertThat(audited.get(0).outcome()).isEqualTo("DRY_RUN");
          assertThat(audited.get(0).signatureId()).isEqualTo("mcp-oauth-token-not-honored");
          assertThat(audited.get(0).plan()).contains("This looks like a duplicate of #60260");
        });
  }

  @Test
  void dryRunSetExplicitlyStaysDryRunEvenWithCredentials() {
    try (FakeGitHub github = new FakeGitHub()) {
      github
          .hasLabels("octo-org/triage-sandbox", "area:auth", "area:mcp")
          .hasComments("octo-org/triage-sandbox", 12);
      context
          .withPropertyValues(
              "triage.mode=dry-run",
              "triage.github.token=ghp_not_used",
              "triage.github.api-url=" + github.apiUrl())
          .run(
              started -> {
                started.getBean(IssueTriage.class).triage(exampleIssueOpened());

                assertThat(github.writes()).isEmpty();
                assertThat(github.unmatched()).isEmpty();
                assertThat(
                        started
                            .getBean(TriageAudit.class)
                            .forIssue("octo-org/triage-sandbox", 12)
                            .get(0)
                            .outcome())
                    .isEqualTo("DRY_RUN");
              });
    }
  }

  @Test
  void aCatalogThatDoesNotValidateStopsStartUpNamingTheFile(@TempDir Path catalog)
      throws IOException {
    Files.writeString(catalog.resolve("broken-signature.yml"), "id: broken\nunknown_key: 1\n");

    context
        .withPropertyValues("triage.catalog-dir=" + catalog)
        .run(
            started -> {
              assertThat(started).hasFailed();
              assertThat(started.getStartupFailure())
                  .rootCause()
                  .isInstanceOf(CatalogException.class)
                  .hasMessageContaining("broken-signature.yml");
            });
  }

  @Test
  void aWritingModeWithoutCredentialsStopsStartUpSayingWhatToSet() {
    context
        .withPropertyValues("triage.mode=suggest")
        .run(
            started -> {
              assertThat(started).hasFailed();
              assertThat(started.getStartupFailure())
                  .rootCause()
                  .hasMessageContaining("TRIAGE_GITHUB_APP_ID")
                  .hasMessageContaining("TRIAGE_GITHUB_TOKEN");
            });
  }

  private static IssueEvent exampleIssueOpened() {
    IssueSnapshot issue =
        new IssueSnapshot(
            0,
            "octo-org/triage-sandbox",
            12,
            "MCP server stays in 'Needs authentication' although OAuth succeeds",
            """
            Our team's MCP server (streamable HTTP, OAuth with PKCE against our Okta tenant) never
            becomes usable. In `/mcp` I pick **Authenticate**, the browser opens, I sign in and get
            the "you can close this window" page. Claude Code then prints `Authentication
            successful`, but the server row goes straight back to `Needs authentication` and no
            tools are listed. Restarting Claude Code changes nothing.
            """,
            List.of(),
            "reporter",
            false,
            false,
            "open",
            "https://github.com/octo-org/triage-sandbox/issues/12");
    return new IssueEvent("delivery-config-test", "opened", issue);
  }
}
