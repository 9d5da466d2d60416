package dev.triagebot.bot.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.triagebot.bot.TriageBotApplication;
import dev.triagebot.bot.github.FakeGitHub;
import dev.triagebot.bot.github.IssueComment;
import dev.triagebot.bot.github.StatefulGitHub;
import dev.triagebot.bot.github.TestKeys;
import dev.triagebot.bot.webhook.WebhookFixtures;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The service is down while an issue is opened, then starts again on the same store: given a fake
 * GitHub that delivers webhooks to the service and keeps the App's delivery log, the issue ends up
 * triaged once, by the redelivery sweep when GitHub's log has the failed delivery and by the
 * reconciliation when it has not. The whole service runs, twice, with its own schedule.
 */
class MissedDeliveriesTest {
  static final String REPO = "anthropics/claude-code";
  static final long APP_ID = 123456;
  static final long INSTALLATION = 58213947;
  static final String SECRET = "missed-deliveries-secret";
  static final Duration QUIET = Duration.ofSeconds(3);
  static final String TITLE = "MCP server stays in 'Needs authentication' although OAuth succeeds";
  static final String BODY =
      "In `/mcp` I pick Authenticate and sign in; Claude Code prints `Authentication successful`,"
          + " but the MCP server goes straight back to `Needs authentication` and lists no tools.";
  static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir Path dataDir;
  StatefulGitHub github;
  ConfigurableApplicationContext service;

  @BeforeEach
  void startGitHub() {
    github = new StatefulGitHub(APP_ID, "area:mcp", "area:auth");
  }

  @AfterEach
  void stopEverything() {
    if (service != null) {
      service.close();
    }
    github.close();
  }

  @Test
  void anIssueOpenedWhileTheServiceIsDownIsRedeliveredAfterTheRestartAndTriagedOnce() {
    // given the service running, covering the repository, with one issue triaged
    start();
    coverRepository();
    open(1, true);
    awaitCommented(1);

    // when it is down while issue 2 is opened, and then starts again
    stop();
    assertThat(open(2, true)).as("GitHub's one attempt finds no service").isZero();
    start();

    // then the sweep asks GitHub to redeliver it, once, and the issue gets one comment
    awaitCommented(2);
    assertThat(github.redeliveriesAsked()).hasSize(1);
    // and the reconciliation, once the issue's quiet period is over, finds it seen: no second job
    awaitReconciledPast(Instant.now());
    bean(RecoverySchedule.class).sweepOnce();
    bean(RecoverySchedule.class).reconcileOnce();
    assertThat(github.redeliveriesAsked()).as("never asked twice").hasSize(1);
    assertThat(jobsAbout(2)).isEqualTo(1);
    assertThat(ourComments(2)).hasSize(1);
    assertThat(ourComments(1)).hasSize(1);
  }

  @Test
  void anIssueGitHubsDeliveryLogLacksIsFoundByTheReconciliationAndTriagedOnce() {
    // given the service running, covering the repository, with one issue triaged
    start();
    coverRepository();
    open(1, true);
    awaitCommented(1);

    // when, while it is down, issue 3 is opened without a delivery GitHub's log keeps, a pull
    // request and an issue opened and closed come and go, and an old issue gets a comment
    stop();
    open(3, false);
    github.hasIssue(REPO, issue(4, "open", Instant.now()).put("pull_request", "{}"));
    github.hasIssue(REPO, issue(5, "closed", Instant.now()));
    github.hasIssue(
        REPO,
        issue(6, "open", Instant.now())
            .put("created_at", Instant.now().minus(Duration.ofDays(30)).toString()));
    start();

    // then the reconciliation queues issue 3 once it has been quiet, and it gets one comment
    awaitCommented(3);
    awaitReconciledPast(Instant.now());
    bean(RecoverySchedule.class).reconcileOnce();
    assertThat(jobsAbout(3)).isEqualTo(1);
    assertThat(ourComments(3)).hasSize(1);
    assertThat(jobsAbout(4) + jobsAbout(5) + jobsAbout(6))
        .as("pull requests, closed issues and issues older than the last event are not triaged")
        .isZero();
    assertThat(github.redeliveriesAsked()).isEmpty();
  }

  // --- the service

  private void start() {
    service =
        new SpringApplicationBuilder(TriageBotApplication.class)
            .web(WebApplicationType.SERVLET)
            // As arguments, which outrank the tests' application.properties (a shared data dir).
            .run(
                Map.ofEntries(
                        Map.entry("server.port", "0"),
                        Map.entry("triage.data-dir", dataDir.toString()),
                        Map.entry("triage.github.webhook-secret", SECRET),
                        Map.entry("triage.github.app-id", Long.toString(APP_ID)),
                        Map.entry("triage.github.private-key", TestKeys.pkcs8Pem()),
                        Map.entry("triage.github.api-url", github.apiUrl().toString()),
                        Map.entry("triage.mode", "suggest"),
                        Map.entry("triage.queue.poll-interval", "50ms"),
                        Map.entry("triage.review.reaction-polling", "false"),
                        Map.entry("triage.recovery.sweep-delay", "200ms"),
                        Map.entry("triage.recovery.sweep-interval", "1s"),
                        Map.entry("triage.recovery.quiet-period", QUIET.toMillis() + "ms"),
                        Map.entry("triage.recovery.reconcile-interval", "1s"),
                        Map.entry("logging.level.dev.triagebot.bot.recovery", "debug"))
                    .entrySet()
                    .stream()
                    .map(setting -> "--" + setting.getKey() + "=" + setting.getValue())
                    .toArray(String[]::new));
    String port = service.getEnvironment().getProperty("local.server.port");
    github.webhook(URI.create("http://127.0.0.1:" + port + "/github/webhook"), SECRET);
  }

  private void stop() {
    service.close();
    service = null;
  }

  private <T> T bean(Class<T> type) {
    return service.getBean(type);
  }

  // --- GitHub

  private void coverRepository() {
    ObjectNode added =
        (ObjectNode)
            JSON.readTree(
                WebhookFixtures.bytes("installation_repositories-added-one-repository.json"));
    ((ObjectNode) added.get("repositories_added").get(0))
        .put("full_name", REPO)
        .put("name", "claude-code");
    assertThat(
            github.deliver(
                "installation_repositories",
                UUID.randomUUID().toString(),
                JSON.writeValueAsBytes(added)))
        .isEqualTo(200);
  }

  /**
   * Opens an issue on GitHub: the REST API lists it from now on, and with {@code delivered} GitHub
   * tries once to deliver its {@code issues opened} event.
   *
   * @return the status of that attempt; -1 when none was made
   */
  private int open(int number, boolean delivered) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    ObjectNode issue = issue(number, "open", now);
    github.hasIssue(REPO, issue);
    if (!delivered) {
      return -1;
    }
    ObjectNode payload =
        (ObjectNode) JSON.readTree(WebhookFixtures.bytes("issues-opened-mcp-startup-timeout.json"));
    payload.set("issue", issue);
    return github.deliver("issues", UUID.randomUUID().toString(), JSON.writeValueAsBytes(payload));
  }

  /** GitHub's issue object: the fixture's, with this number, state and time. */
  private static ObjectNode issue(int number, String state, Instant at) {
    JsonNode fixture =
        JSON.readTree(WebhookFixtures.bytes("issues-opened-mcp-startup-timeout.json"));
    ObjectNode issue = (ObjectNode) fixture.get("issue").deepCopy();
    String url = "https://github.com/" + REPO + "/issues/" + number;
    return issue
        .put("number", number)
        .put("title", TITLE)
        .put("body", BODY)
        .put("state", state)
        .put("html_url", url)
        .put("created_at", at.toString())
        .put("updated_at", at.toString());
  }

  // --- what happened

  private void awaitCommented(int number) {
    await()
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> !ourComments(number).isEmpty());
  }

  /** Until a reconciliation has covered everything updated up to {@code moment}. */
  private void awaitReconciledPast(Instant moment) {
    JdbcTemplate jdbc = bean(JdbcTemplate.class);
    await()
        .atMost(QUIET.plusSeconds(120))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () ->
                jdbc
                    .queryForList(
                        "SELECT reconciled_until FROM repository_reconciliation"
                            + " WHERE repository = ?",
                        java.time.OffsetDateTime.class,
                        REPO)
                    .stream()
                    .anyMatch(until -> !until.toInstant().isBefore(moment)));
  }

  private int jobsAbout(int number) {
    return bean(JdbcTemplate.class)
        .queryForObject(
            "SELECT COUNT(*) FROM triage_job WHERE issue_key = ?",
            Integer.class,
            REPO + "#" + number);
  }

  private List<IssueComment> ourComments(int number) {
    return github.comments(REPO, number).stream()
        .filter(c -> FakeGitHub.BOT_LOGIN.equals(c.author()))
        .toList();
  }
}
