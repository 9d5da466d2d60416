package dev.triagebot.bot.webhook;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.triagebot.bot.webhook.SignedDeliveries.newDeliveryId;
import static dev.triagebot.bot.webhook.SignedDeliveries.signed;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.triagebot.bot.github.FakeGitHub;
import dev.triagebot.bot.github.IssueComment;
import dev.triagebot.bot.queue.JobQueue;
import dev.triagebot.bot.queue.JobStatus;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Given the service in apply mode against a fake GitHub, with JSON logs and a metrics token, when a
 * script of signed (and some unsigned) deliveries has run, then {@code /actuator/prometheus} shows
 * each series with the values that script implies, and every log line of a job names its delivery,
 * job and issue.
 */
// Logging is set up before dynamic properties are added: the format goes here.
@SpringBootTest(properties = "logging.structured.format.console=ecs")
@AutoConfigureMockMvc
@ExtendWith(OutputCaptureExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
// Closed afterwards: its workers would poll for the rest of the run, and no other test shares it.
@DirtiesContext
class MetricsAndLogsAfterAScriptedRunTest {
  static final String REPO = "anthropics/claude-code";
  static final int MATCHING = 71001;
  static final int VANISHED = 71002;
  static final String METRICS_TOKEN = "metrics-" + UUID.randomUUID();
  static final String SIGNATURE = "mcp-oauth-token-not-honored";
  static final FakeGitHub GITHUB = new FakeGitHub();
  static final JsonMapper JSON = JsonMapper.builder().build();

  @DynamicPropertySource
  static void settings(DynamicPropertyRegistry settings) {
    SignedDeliveries.endToEndSettings(settings, GITHUB);
    settings.add("triage.metrics.token", () -> METRICS_TOKEN);
  }

  /**
   * Logback is set up once per JVM and Spring Boot leaves a set-up logging system alone; other test
   * classes' contexts, still cached and running, set it up in plain text. Resetting it makes this
   * context set it up again, in JSON, as a fresh service would.
   */
  @BeforeAll
  static void letThisContextSetUpLogging() {
    LoggingSystem.get(MetricsAndLogsAfterAScriptedRunTest.class.getClassLoader()).cleanUp();
  }

  @AfterAll
  static void stopFakeGitHub() {
    GITHUB.close();
  }

  @Autowired MockMvc mvc;
  @Autowired JobQueue jobs;

  @Test
  @Order(1)
  void theMetricsEndpointIsClosedWithoutTheToken() throws Exception {
    mvc.perform(MockMvcRequestBuilders.get(METRICS)).andExpect(status().isUnauthorized());
    mvc.perform(
            MockMvcRequestBuilders.get(METRICS)
                .header("Authorization", "Bearer not-" + METRICS_TOKEN))
        .andExpect(status().isUnauthorized());
  }

  @Test
  @Order(2)
  void aScriptedRunShowsInTheMetricsWithTheValuesItImplies(CapturedOutput output) throws Exception {
    // given a repository whose first comment POST fails with a 500, and whose labels answer
    // carries GitHub's rate-limit headers
    GITHUB
        .hasRepository(REPO)
        .hasIssue(REPO, MATCHING)
        .acceptsLabels(REPO, MATCHING)
        .hasComments(REPO, MATCHING)
        .stub(
            get(urlPathEqualTo("/repos/" + REPO + "/labels")),
            FakeGitHub.ok(
                    List.of(
                        FakeGitHub.label(REPO, 1, "area:auth"),
                        FakeGitHub.label(REPO, 2, "area:mcp")))
                .withHeader("X-RateLimit-Remaining", "4987")
                .withHeader("X-RateLimit-Resource", "core"));
    GITHUB.failsTheFirstNewComment(
        REPO,
        MATCHING,
        FakeGitHub.comment(
            REPO,
            MATCHING,
            new IssueComment(
                7001, "<!-- triage-bot:signature=" + SIGNATURE + " -->", FakeGitHub.BOT_LOGIN)));

    // when: a matching issue is opened (deferred once by the 500, then done), GitHub redelivers it,
    // an issue GitHub no longer has is opened (404: parked), an edit that changes no text is
    // recorded for the index, a ping and an event the bot ignores arrive, and a forged delivery
    String matching = newDeliveryId();
    byte[] opened = issue(MATCHING);
    mvc.perform(signed("issues", matching, opened)).andExpect(status().isAccepted());
    awaitStatus(matching, JobStatus.DONE);
    mvc.perform(signed("issues", matching, opened)).andExpect(status().isOk());
    String vanished = newDeliveryId();
    mvc.perform(signed("issues", vanished, issue(VANISHED))).andExpect(status().isAccepted());
    awaitStatus(vanished, JobStatus.FAILED);
    mvc.perform(
            SignedDeliveries.signedFixture(
                "issues", newDeliveryId(), "issues-edited-no-text-change.json"))
        .andExpect(status().isOk());
    mvc.perform(
            signed(
                "ping",
                newDeliveryId(),
                "{\"zen\":\"Keep it logically awesome.\"}".getBytes(UTF_8)))
        .andExpect(status().isOk());
    mvc.perform(signed("star", newDeliveryId(), "{\"action\":\"created\"}".getBytes(UTF_8)))
        .andExpect(status().isAccepted());
    mvc.perform(
            MockMvcRequestBuilders.post(SignedDeliveries.PATH)
                .contentType(MediaType.APPLICATION_JSON)
                .header(WebhookHeaders.EVENT, "issues")
                .header(WebhookHeaders.DELIVERY, newDeliveryId())
                .header(WebhookHeaders.SIGNATURE, "sha256=" + "0".repeat(64))
                .content(opened))
        .andExpect(status().isUnauthorized());

    // then the scrape shows exactly that
    Map<String, Double> metrics = scrape();
    assertThat(metrics)
        .containsEntry("triage_webhook_deliveries_total{event=\"issues\",outcome=\"queued\"}", 2.0)
        .containsEntry(
            "triage_webhook_deliveries_total{event=\"issues\",outcome=\"duplicate\"}", 1.0)
        .containsEntry(
            "triage_webhook_deliveries_total{event=\"issues\",outcome=\"recorded\"}", 1.0)
        .containsEntry(
            "triage_webhook_deliveries_total{event=\"issues\",outcome=\"unauthorized\"}", 1.0)
        .containsEntry("triage_webhook_deliveries_total{event=\"ping\",outcome=\"pong\"}", 1.0)
        .containsEntry("triage_webhook_deliveries_total{event=\"other\",outcome=\"ignored\"}", 1.0)
        .containsEntry("triage_webhook_acknowledgement_seconds_count{outcome=\"queued\"}", 2.0)
        .containsEntry(
            "triage_webhook_acknowledgement_seconds_bucket{outcome=\"queued\",le=\"10.0\"}", 2.0)
        // jobs: the matching one deferred on attempt 1, done on 2; the vanished one parked on 1
        .containsEntry("triage_jobs_total{attempt=\"1\",kind=\"triage\",outcome=\"deferred\"}", 1.0)
        .containsEntry("triage_jobs_total{attempt=\"2\",kind=\"triage\",outcome=\"done\"}", 1.0)
        .containsEntry("triage_jobs_total{attempt=\"1\",kind=\"triage\",outcome=\"parked\"}", 1.0)
        .containsEntry("triage_queue_depth{status=\"queued\"}", 0.0)
        .containsEntry("triage_queue_depth{status=\"running\"}", 0.0)
        .containsEntry("triage_queue_oldest_age_seconds", 0.0)
        .containsEntry("triage_jobs_parked", 1.0)
        // three writes, far under the default budget: served, and nothing held back
        .containsEntry("triage_write_budget_deferrals_total", 0.0)
        // GitHub: the failed and the repeated comment POST, the labels, the 404 that parked
        .containsEntry(
            "triage_github_requests_seconds_count{endpoint=\"comments\",method=\"POST\",status=\"500\"}",
            1.0)
        .containsEntry(
            "triage_github_requests_seconds_count{endpoint=\"comments\",method=\"POST\",status=\"201\"}",
            1.0)
        // (labels on both attempts: the fake issue never shows them as added)
        .containsEntry(
            "triage_github_requests_seconds_count{endpoint=\"labels\",method=\"POST\",status=\"200\"}",
            2.0)
        .containsEntry("triage_github_rate_limit_remaining{resource=\"core\"}", 4987.0)
        // matched three times: two attempts of the matching issue, one of the vanished one
        .containsEntry("triage_matching_seconds_count", 3.0)
        .containsEntry(
            "triage_suggestions{signature=\"" + SIGNATURE + "\",status=\"pending\"}", 1.0)
        .containsEntry(
            "triage_suggestions{signature=\"" + SIGNATURE + "\",status=\"accepted\"}", 0.0);
    assertThat(metrics.get("triage_suggestions_precision{signature=\"" + SIGNATURE + "\"}"))
        .as("no maintainer has decided yet")
        .isNaN();
    assertThat(
            metrics.keySet().stream()
                .filter(series -> series.startsWith("triage_github_requests_seconds_count"))
                .filter(series -> series.contains("status=\"404\"")))
        .as("the vanished issue's 404, and the configuration files the repository lacks")
        .containsExactlyInAnyOrder(
            "triage_github_requests_seconds_count{endpoint=\"issues\",method=\"GET\",status=\"404\"}",
            "triage_github_requests_seconds_count{endpoint=\"contents\",method=\"GET\",status=\"404\"}");
    // the index applies its changes in the background
    await().atMost(Duration.ofSeconds(20)).until(() -> scrape().get("triage_index_backlog") == 0.0);

    // and every line the worker logged about the matching job names its delivery, job and issue
    long job = jobs.forDelivery(matching).get(0).id();
    List<JsonNode> jobLines =
        output
            .getOut()
            .lines()
            .filter(line -> line.startsWith("{"))
            .map(JSON::readTree)
            .filter(line -> String.valueOf(job).equals(line.path("job").asString(null)))
            .toList();
    assertThat(jobLines).hasSizeGreaterThanOrEqualTo(2); // the deferral and the triage
    assertThat(jobLines)
        .allSatisfy(
            line -> {
              assertThat(line.path("delivery").asString()).isEqualTo(matching);
              assertThat(line.path("issue").asString()).isEqualTo(REPO + "#" + MATCHING);
              assertThat(line.path("repository").asString()).isEqualTo(REPO);
            });
  }

  static final String METRICS = "/actuator/prometheus";

  /** The scrape as series (name and labels, as Prometheus prints them) to value. */
  private Map<String, Double> scrape() throws Exception {
    String text =
        mvc.perform(
                MockMvcRequestBuilders.get(METRICS)
                    .header("Authorization", "Bearer " + METRICS_TOKEN))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString();
    Map<String, Double> series = new LinkedHashMap<>();
    Pattern sample = Pattern.compile("^(\\S+?(?:\\{.*\\})?) (\\S+)$");
    for (String line : text.split("\n")) {
      Matcher m = sample.matcher(line);
      if (!line.startsWith("#") && m.matches()) {
        series.put(m.group(1), Double.valueOf(m.group(2)));
      }
    }
    return series;
  }

  private void awaitStatus(String deliveryId, JobStatus status) {
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                !jobs.forDelivery(deliveryId).isEmpty()
                    && jobs.forDelivery(deliveryId).get(0).status() == status);
  }

  /** The opened-issue fixture with a text the catalog matches, as issue {@code number}. */
  private static byte[] issue(int number) {
    ObjectNode payload =
        (ObjectNode) JSON.readTree(WebhookFixtures.bytes("issues-opened-mcp-startup-timeout.json"));
    ((ObjectNode) payload.get("issue"))
        .put("number", number)
        .put("title", SignedDeliveryReachesGitHubTest.TITLE)
        .put("body", SignedDeliveryReachesGitHubTest.BODY);
    return JSON.writeValueAsBytes(payload);
  }
}
