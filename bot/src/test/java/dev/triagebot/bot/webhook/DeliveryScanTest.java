package dev.triagebot.bot.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The streaming scan ingress makes before answering: what it picks out and what it refuses. */
class DeliveryScanTest {
  /** An event that cannot change the similar-issue index, so the scan streams past its issue. */
  private static final String STREAMED_PAST = "label";

  @Test
  void picksOutWhatRoutingNeedsFromARealPayload() throws Exception {
    DeliveryFacts facts =
        DeliveryScan.scan(
            "issues", WebhookFixtures.bytes("issues-opened-mcp-startup-timeout.json"));

    assertThat(facts.action()).isEqualTo("opened");
    assertThat(facts.installationId()).isEqualTo(58213947L);
    assertThat(facts.repository()).isEqualTo("anthropics/claude-code");
    assertThat(facts.issueNumber()).isPositive();
    assertThat(facts.pullRequest()).isFalse();
    assertThat(facts.issueKey()).startsWith("anthropics/claude-code#");
  }

  @Test
  void readsOnlyTheFieldsAtTheirOwnPlaceNotSameNamedOnesDeeper() throws Exception {
    DeliveryFacts facts =
        scan(
            "{\"issue\": {\"user\": {\"login\": \"a\", \"number\": 9}, \"number\": 7,"
                + " \"labels\": [{\"number\": 3}], \"pull_request\": {\"url\": \"u\"}},"
                + " \"repository\": {\"owner\": {\"full_name\": \"x/y\"}, \"full_name\": \"o/r\"},"
                + " \"changes\": {\"body\": {\"from\": \"old\"}},"
                + " \"comment\": {\"user\": {\"login\": \"b[bot]\", \"type\": \"User\"},"
                + " \"body\": \"Duplicate of #5\"},"
                + " \"sender\": {\"login\": \"s\", \"type\": \"Bot\"}, \"action\": \"edited\"}");

    assertThat(facts.issueNumber()).isEqualTo(7L);
    assertThat(facts.repository()).isEqualTo("o/r");
    assertThat(facts.pullRequest()).isTrue();
    assertThat(facts.titleOrBodyChanged()).isTrue();
    assertThat(facts.commentAuthor().isBot()).isTrue();
    assertThat(facts.sender().isBot()).isTrue();
    assertThat(facts.commentBody()).isEqualTo("Duplicate of #5");
    assertThat(facts.action()).isEqualTo("edited");
  }

  @Test
  void aNullPullRequestIsNoPullRequestAndAbsentFieldsAreNull() throws Exception {
    DeliveryFacts facts = scan("{\"issue\": {\"pull_request\": null}}");

    assertThat(facts.pullRequest()).isFalse();
    assertThat(facts.action()).isNull();
    assertThat(facts.installationId()).isNull();
    assertThat(facts.repository()).isNull();
    assertThat(facts.issueNumber()).isNull();
    assertThat(facts.titleOrBodyChanged()).isFalse();
  }

  @Test
  void refusesWhatIsNotOneJsonObjectSayingWhy() {
    assertRefused("{\"action\": \"opened\"}}}}", "more after the JSON value");
    assertRefused("{\"action\": \"opened\"} {}", "more after the JSON value");
    assertRefused("{\"action\": \"opened\"", "not valid JSON");
    assertRefused("[1, 2]", "must be a JSON object, not an array");
    assertRefused("null", "empty or JSON null");
    assertRefused("", "empty or JSON null");
    assertRefused("[".repeat(5000) + "]".repeat(5000), "must be a JSON object");
    assertRefused("{\"a\":" + "[".repeat(5000) + "]".repeat(5000) + "}", "nested too deeply");
  }

  @Test
  void refusesBrokenJsonEvenInsideObjectsItSkipsWhole() {
    // routing reads nothing in repository.owner or issue.labels, and skips them whole
    assertRefused(
        "{\"repository\": {\"owner\": {\"login\": tru}}, \"action\": \"opened\"}",
        "not valid JSON");
    assertRefused(
        "{\"issue\": {\"labels\": [{\"name\": \"a\"}, {\"name\" \"b\"}]}}", "not valid JSON");
    assertRefused("{\"issue\": {\"pull_request\": {\"url\": \"x\"", "not valid JSON");
  }

  @Test
  void refusesAFieldRoutingReadsWhenItIsOfTheWrongType() {
    assertRefused("{\"action\": 3}", "action: wrong type");
    assertRefused("{\"action\": {\"x\": 1}}", "action: wrong type");
    assertRefused(
        "{\"repository\": {\"full_name\": [\"o/r\"]}}", "repository.full_name: wrong type");
    assertRefused("{\"issue\": {\"number\": -3}}", "issue.number: must be a positive whole number");
    assertRefused(
        "{\"issue\": {\"number\": 2.5}}", "issue.number: must be a positive whole number");
    assertRefused(
        "{\"issue\": {\"number\": 4294967296}}", "issue.number: must be a positive whole number");
    assertRefused(
        "{\"installation\": {\"id\": \"12\"}}", "installation.id: must be a positive whole number");
    assertRefused(
        "{\"installation\": {\"id\": 123456789012345678901234567890}}",
        "installation.id: must be a positive whole number");
  }

  @Test
  void leavesOtherFieldsToTheWorker() throws Exception {
    DeliveryFacts facts =
        scan(
            "{\"action\": \"opened\", \"issue\": {\"number\": 1, \"user\": {\"login\": null},"
                + " \"title\": [], \"html_url\": \"true\"}, \"sender\": {\"login\": 5}}");

    assertThat(facts.issueNumber()).isEqualTo(1L);
    assertThat(facts.sender().login()).isNull();
  }

  @Test
  void readsTheIssueAsATreeOnlyForTheEventsThatCanChangeTheIndex() throws Exception {
    byte[] body = WebhookFixtures.bytes("issues-opened-mcp-startup-timeout.json");
    JsonNode issue = new ObjectMapper().readTree(body).get("issue");

    assertThat(DeliveryScan.scan("issues", body).issue()).isEqualTo(issue);
    assertThat(DeliveryScan.scan("issue_comment", body).issue()).isEqualTo(issue);
    assertThat(DeliveryScan.scan(STREAMED_PAST, body).issue()).isNull();
    assertThat(DeliveryScan.scan("push", body).issue()).isNull();
  }

  @Test
  void theIssueTreeYieldsTheFactsStreamingPastTheIssueYields() throws Exception {
    List<String> bodies =
        List.of(
            new String(
                WebhookFixtures.bytes("issues-opened-mcp-startup-timeout.json"),
                StandardCharsets.UTF_8),
            "{\"issue\": {\"number\": 7, \"pull_request\": {\"url\": \"u\"},"
                + " \"labels\": [{\"number\": 3}], \"user\": {\"number\": 9}}}",
            "{\"issue\": {\"number\": null, \"pull_request\": null}}",
            "{\"issue\": 5, \"action\": \"opened\"}",
            "{\"issue\": [{\"number\": 5}]}",
            // A later issue object overrides only the fields it has, as the streaming read does.
            "{\"issue\": {\"number\": 7, \"pull_request\": {}}, \"issue\": {\"title\": \"t\"}}",
            "{\"issue\": {\"number\": 7}, \"issue\": {\"number\": 8, \"pull_request\": null}}",
            "{\"issue\": {\"number\": 7, \"number\": 9}, \"issue\": null}");
    for (String body : bodies) {
      assertThat(scan(STREAMED_PAST, body)).isNotNull();
      assertTheIssueTreeChangesNothing(body);
    }
  }

  @Test
  void refusesWhatIsWrongInTheIssueInTheWordsItUsesWhenStreamingPastIt() throws Exception {
    List<String> bodies =
        List.of(
            "{\"issue\": {\"labels\": [{\"name\": \"a\"}, {\"name\" \"b\"}]}}",
            "{\"issue\": {\"pull_request\": {\"url\": \"x\"",
            "{\"issue\": {\"number\": 1,\n \"title\": tru}}",
            "{\"issue\": {\"user\": {\"login\": \"a\"]}}",
            "{\"issue\": {\"body\": " + "[".repeat(5000) + "]".repeat(5000) + "}}",
            "{\"issue\": {\"number\": -3}}",
            "{\"issue\": {\"number\": 2.5}}",
            "{\"issue\": {\"number\": \"7\"}}",
            "{\"issue\": {\"number\": 4294967296}}",
            "{\"issue\": {\"number\": 123456789012345678901234567890}}",
            "{\"issue\": {\"number\": 7}, \"issue\": {\"number\": false}}",
            "{\"issue\": {\"number\": 7}} {}");
    for (String body : bodies) {
      assertThat(catchThrowable(() -> scan(STREAMED_PAST, body)))
          .as(body)
          .isInstanceOf(MalformedPayloadException.class);
      assertTheIssueTreeChangesNothing(body);
    }
  }

  /**
   * Asserts that the events whose scan reads the issue as a tree find in the body what streaming
   * past the issue finds, or refuse it in the same words.
   */
  private static void assertTheIssueTreeChangesNothing(String body) throws Exception {
    Throwable streamedRefusal = catchThrowable(() -> scan(STREAMED_PAST, body));
    for (String event : List.of("issues", "issue_comment")) {
      if (streamedRefusal == null) {
        assertThat(scan(event, body))
            .as("%s: %s", event, body)
            .usingRecursiveComparison()
            .ignoringFields("issue")
            .isEqualTo(scan(STREAMED_PAST, body));
      } else {
        assertThatThrownBy(() -> scan(event, body))
            .as("%s: %s", event, body)
            .isInstanceOf(MalformedPayloadException.class)
            .hasMessage(
                streamedRefusal
                    .getMessage()
                    .replace(GitHubPayloads.anEvent(STREAMED_PAST), GitHubPayloads.anEvent(event)));
      }
    }
  }

  private static DeliveryFacts scan(String event, String body) throws MalformedPayloadException {
    return DeliveryScan.scan(event, body.getBytes(StandardCharsets.UTF_8));
  }

  private static DeliveryFacts scan(String body) throws MalformedPayloadException {
    return DeliveryScan.scan("issues", body.getBytes(StandardCharsets.UTF_8));
  }

  private static void assertRefused(String body, String message) {
    assertThatThrownBy(() -> scan(body))
        .isInstanceOf(MalformedPayloadException.class)
        .hasMessageContaining(message);
  }
}
