package dev.triagebot.bot.webhook;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static dev.triagebot.bot.github.FakeGitHub.issuePath;
import static dev.triagebot.bot.webhook.SignedDeliveries.newDeliveryId;
import static dev.triagebot.bot.webhook.SignedDeliveries.signed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.triagebot.bot.github.FakeGitHub;
import dev.triagebot.bot.github.IssueComment;
import dev.triagebot.bot.queue.JobQueue;
import dev.triagebot.bot.queue.JobStatus;
import dev.triagebot.bot.review.Suggestion;
import dev.triagebot.bot.review.Suggestions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The whole bot, end to end: given the packaged catalog, apply mode and a fake GitHub on loopback,
 * when signed {@code issues} deliveries are POSTed to the webhook, then exactly these requests
 * reach GitHub, and no others.
 */
@SpringBootTest
@AutoConfigureMockMvc
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SignedDeliveryReachesGitHubTest {
  static final String REPO = "anthropics/claude-code";
  static final int NUMBER = 61234;
  static final String ISSUE = issuePath(REPO, NUMBER);
  static final String TITLE = "MCP server stays in 'Needs authentication' although OAuth succeeds";
  static final String BODY =
      "In `/mcp` I pick Authenticate and sign in; Claude Code prints `Authentication successful`,"
          + " but the MCP server goes straight back to `Needs authentication` and lists no tools.";
  static final FakeGitHub GITHUB = new FakeGitHub();
  static final JsonMapper JSON = JsonMapper.builder().build();

  @DynamicPropertySource
  static void settings(DynamicPropertyRegistry settings) {
    SignedDeliveries.endToEndSettings(settings, GITHUB);
  }

  @AfterAll
  static void stopFakeGitHub() {
    GITHUB.close();
  }

  @BeforeEach
  void forgetEarlierRequests() {
    GITHUB.server().resetRequests();
  }

  @Autowired MockMvc mvc;
  @Autowired JobQueue jobs;
  @Autowired Suggestions suggestions;

  @Test
  @Order(1)
  void anOpenedIssueGetsLabelsAndOneCommentAndItsEditUpdatesThatComment() throws Exception {
    // given a repository with the signature's labels, where our comment appears once posted
    GITHUB
        .hasIssue(REPO, NUMBER)
        .hasLabels(REPO, "area:auth", "area:mcp", "bug")
        .acceptsLabels(REPO, NUMBER)
        .acceptsCommentUpdate(REPO, NUMBER, 5001);
    GITHUB
        .server()
        .stubFor(
            get(urlPathEqualTo(ISSUE + "/comments"))
                .inScenario("comment")
                .whenScenarioStateIs(STARTED)
                .willReturn(FakeGitHub.ok(List.of())));
    GITHUB
        .server()
        .stubFor(
            post(urlPathEqualTo(ISSUE + "/comments"))
                .inScenario("comment")
                .whenScenarioStateIs(STARTED)
                .willReturn(FakeGitHub.json(201, ourComment("(posted)")))
                .willSetStateTo("commented"));
    GITHUB
        .server()
        .stubFor(
            get(urlPathEqualTo(ISSUE + "/comments"))
                .inScenario("comment")
                .whenScenarioStateIs("commented")
                .willReturn(FakeGitHub.ok(List.of(ourComment("(posted)")))));

    // when the issue is opened
    String opened = newDeliveryId();
    mvc.perform(
            signed("issues", opened, payload("issues-opened-mcp-startup-timeout.json", List.of())))
        .andExpect(status().isAccepted());
    awaitDone(opened);

    // then labels and one comment (the repository's labels are read once for the job, though
    // used twice: so that similar issues never suggest a label the repository lacks, and right
    // before labelling), after looking for the repository's configuration file and its
    // organisation's default (neither exists)
    assertThat(GITHUB.requests())
        .containsExactly(
            "GET /repos/" + REPO + "/contents/.github/triage-bot.yml",
            "GET /repos/anthropics/.github/contents/.github/triage-bot.yml",
            "GET /repos/" + REPO + "/labels?per_page=100",
            "GET " + ISSUE,
            "POST " + ISSUE + "/labels",
            "GET " + ISSUE + "/comments?per_page=100",
            "POST " + ISSUE + "/comments");
    assertThat(GITHUB.received("POST", ISSUE + "/labels").get(0).getBodyAsString())
        .isEqualTo("{\"labels\":[\"area:auth\",\"area:mcp\"]}");

    // when its title is edited (GitHub now shows the labels on it)
    String edited = newDeliveryId();
    mvc.perform(
            signed(
                "issues",
                edited,
                payload("issues-edited-title-changed.json", List.of("area:auth", "area:mcp"))))
        .andExpect(status().isAccepted());
    awaitDone(edited);

    // then our comment is updated in place (found by its marker and the bot as its author), and
    // nothing else is sent (the configuration read minutes ago is not asked for again)
    assertThat(GITHUB.requests())
        .hasSize(11)
        .endsWith(
            "GET /repos/" + REPO + "/labels?per_page=100",
            "GET " + ISSUE + "/comments?per_page=100",
            "GET /user",
            "PATCH /repos/" + REPO + "/issues/comments/5001");
    assertThat(GITHUB.unmatched()).isEmpty();
  }

  @Test
  @Order(2)
  void aGitHubOutageDelaysTheCommentButNeverDropsItOrPostsItTwice() throws Exception {
    // given a second issue, where GitHub fails the first comment POST with a 500
    int number = 61235;
    String issue = issuePath(REPO, number);
    GITHUB
        .hasIssue(REPO, number)
        .hasLabels(REPO, "area:auth", "area:mcp")
        .acceptsLabels(REPO, number);
    GITHUB
        .server()
        .stubFor(get(urlPathEqualTo(issue + "/comments")).willReturn(FakeGitHub.ok(List.of())));
    // GitHub shows the labels on the issue once they are added, as the retry will see
    GITHUB
        .server()
        .stubFor(
            post(urlPathEqualTo(issue + "/labels"))
                .inScenario("labels")
                .whenScenarioStateIs(STARTED)
                .willReturn(FakeGitHub.ok(List.of()))
                .willSetStateTo("labelled"));
    GITHUB
        .server()
        .stubFor(
            get(urlPathEqualTo(issue))
                .inScenario("labels")
                .whenScenarioStateIs("labelled")
                .willReturn(
                    FakeGitHub.ok(
                        Map.of(
                            "number",
                            number,
                            "state",
                            "open",
                            "url",
                            "https://api.github.com/repos/" + REPO + "/issues/" + number,
                            "labels",
                            List.of(Map.of("name", "area:auth"), Map.of("name", "area:mcp"))))));
    GITHUB.failsTheFirstNewComment(REPO, number, ourComment("(posted)"));

    // when the issue is opened
    String opened = newDeliveryId();
    byte[] body = payload("issues-opened-mcp-startup-timeout.json", List.of());
    ObjectNode withNumber = (ObjectNode) JSON.readTree(body);
    ((ObjectNode) withNumber.get("issue")).put("number", number);
    mvc.perform(signed("issues", opened, JSON.writeValueAsBytes(withNumber)))
        .andExpect(status().isAccepted());
    awaitDone(opened);

    // then the job was retried after the 500 and the comment was created exactly once
    assertThat(jobs.forDelivery(opened).get(0).attempts()).isEqualTo(2);
    assertThat(GITHUB.writes())
        .containsExactly(
            "POST " + issue + "/labels",
            "POST " + issue + "/comments", // answered 500: nothing was created
            "POST " + issue + "/comments");
    assertThat(GITHUB.unmatched()).isEmpty();
  }

  @Test
  @Order(3)
  void aReportTooThinToDecideReachesNoGitHubAndWaitsOnTheReviewPage() throws Exception {
    // given a real-style thin report: a bare [BUG] title and one line, scored by the real
    // catalog below its match threshold but inside its needs-look band
    int number = 61236;
    ObjectNode thin =
        (ObjectNode) JSON.readTree(payload("issues-opened-mcp-startup-timeout.json", List.of()));
    ((ObjectNode) thin.get("issue"))
        .put("number", number)
        .put("title", "[BUG]")
        .put("body", "mcp oauth login works but the server still shows needs authentication");

    // when it is opened
    String opened = newDeliveryId();
    mvc.perform(signed("issues", opened, JSON.writeValueAsBytes(thin)))
        .andExpect(status().isAccepted());
    awaitDone(opened);

    // then GitHub hears nothing at all, and review lists it as needing a look
    assertThat(GITHUB.requests()).isEmpty();
    Suggestion listed = suggestions.current(REPO, number).orElseThrow();
    assertThat(listed.needsLook()).isTrue();
    assertThat(listed.commentId()).isNull();
    assertThat(listed.botAppliedLabels()).isEmpty();
    assertThat(listed.labelsToApply()).containsExactly("area:auth", "area:mcp");
  }

  private void awaitDone(String deliveryId) {
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                !jobs.forDelivery(deliveryId).isEmpty()
                    && jobs.forDelivery(deliveryId).get(0).status() == JobStatus.DONE);
  }

  /** A fixture with the issue's text (and labels) changed, as GitHub would send it. */
  private static byte[] payload(String fixture, List<String> labels) {
    ObjectNode payload = (ObjectNode) JSON.readTree(WebhookFixtures.bytes(fixture));
    ObjectNode issue = (ObjectNode) payload.get("issue");
    issue.put("title", TITLE);
    issue.put("body", BODY);
    issue.set(
        "labels",
        JSON.valueToTree(
            labels.stream()
                .map(
                    name ->
                        Map.of(
                            "id",
                            Math.abs(name.hashCode()),
                            "node_id",
                            "LA_kwDOAAAAAc8AAAAB",
                            "url",
                            "https://api.github.com/repos/" + REPO + "/labels/" + name,
                            "name",
                            name,
                            "color",
                            "f29513",
                            "default",
                            false,
                            "description",
                            ""))
                .toList()));
    return JSON.writeValueAsBytes(payload);
  }

  private static Map<String, Object> ourComment(String body) {
    return FakeGitHub.comment(
        REPO,
        NUMBER,
        new IssueComment(
            5001,
            "<!-- triage-bot:signature=mcp-oauth-token-not-honored -->\n" + body,
            FakeGitHub.BOT_LOGIN));
  }
}
