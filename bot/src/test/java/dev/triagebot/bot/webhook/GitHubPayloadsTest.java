package dev.triagebot.bot.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.triagebot.bot.issue.IssueSnapshot;
import dev.triagebot.bot.queue.StoredDelivery;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class GitHubPayloadsTest {
  private final GitHubPayloads payloads = new GitHubPayloads();

  private InboundPayload read(String event, String fixture) throws MalformedPayloadException {
    return payloads.read(event, WebhookFixtures.bytes(fixture));
  }

  @Test
  void openedIssueMapsToOurOwnSnapshot() throws Exception {
    InboundPayload payload = read("issues", "issues-opened-mcp-startup-timeout.json");

    assertThat(payload).isInstanceOf(InboundPayload.Issue.class);
    IssueSnapshot issue = ((InboundPayload.Issue) payload).issue();
    assertThat(issue.installationId()).isEqualTo(58213947L);
    assertThat(issue.repository()).isEqualTo("anthropics/claude-code");
    assertThat(issue.number()).isEqualTo(61234);
    assertThat(issue.title())
        .isEqualTo("MCP server times out after 60s on startup (\"Connection closed\")");
    assertThat(issue.body())
        .startsWith("## Environment\n- Claude Code version: 2.0.31")
        .contains("Connection timeout after 60000ms");
    assertThat(issue.labels()).isEmpty();
    assertThat(issue.author()).isEqualTo("river-okafor");
    assertThat(issue.authorIsBot()).isFalse();
    assertThat(issue.pullRequest()).isFalse();
    assertThat(issue.state()).isEqualTo("open");
    assertThat(issue.htmlUrl()).isEqualTo("https://github.com/anthropics/claude-code/issues/61234");
    assertThat(payload.envelope())
        .isEqualTo(new InboundPayload.Envelope("opened", 58213947L, "anthropics/claude-code"));
  }

  @Test
  void issueOpenedByABotSaysSo() throws Exception {
    InboundPayload.Issue payload =
        (InboundPayload.Issue) read("issues", "issues-opened-bot-author.json");

    assertThat(payload.issue().author()).isEqualTo("renovate[bot]");
    assertThat(payload.issue().authorIsBot()).isTrue();
  }

  @Test
  void editOfTheTitleIsAnIssueToTriageButAnEmptyEditIsIgnored() throws Exception {
    assertThat(read("issues", "issues-edited-title-changed.json"))
        .isInstanceOf(InboundPayload.Issue.class);
    assertThat(read("issues", "issues-edited-no-text-change.json"))
        .isEqualTo(
            new InboundPayload.Ignored(
                new InboundPayload.Envelope("edited", 58213947L, "anthropics/claude-code"),
                "issues.edited changed neither the title nor the body"));
  }

  @Test
  void suspendAndUnsuspendAreInstallationChangesThatAddAndRemoveNoRepository() throws Exception {
    for (String action : List.of("suspend", "unsuspend")) {
      assertThat(read("installation", "installation-" + action + "-by-the-owner.json"))
          .isEqualTo(
              new InboundPayload.Installation(
                  new InboundPayload.Envelope(action, 58213947L, null),
                  58213947L,
                  false,
                  List.of(),
                  List.of()));
    }
  }

  @Test
  void installationEventsListTheRepositoriesAddedAndRemoved() throws Exception {
    assertThat(read("installation", "installation-created-two-repositories.json"))
        .isEqualTo(
            new InboundPayload.Installation(
                new InboundPayload.Envelope("created", 58213947L, null),
                58213947L,
                false,
                List.of("anthropics/claude-code", "anthropics/claude-code-action"),
                List.of()));
    InboundPayload.Installation deleted =
        (InboundPayload.Installation)
            read("installation", "installation-deleted-two-repositories.json");
    assertThat(deleted.uninstalled()).isTrue();
    assertThat(
            read(
                "installation_repositories",
                "installation_repositories-removed-one-repository.json"))
        .extracting("removed")
        .isEqualTo(List.of("anthropics/claude-code-action"));
  }

  @Test
  void issuePayloadWithoutItsRepositoryIsMalformedAndSaysWhatIsMissing() {
    String body =
        new String(
                WebhookFixtures.bytes("issues-opened-mcp-startup-timeout.json"),
                StandardCharsets.UTF_8)
            .replace("\"repository\": {", "\"elsewhere\": {");

    assertThatThrownBy(() -> payloads.read("issues", body.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(MalformedPayloadException.class)
        .hasMessage("repository: missing");
  }

  @Test
  void signedButMalformedFieldsAreRefusedNamingTheField() {
    assertRefused(edited("/issue/user", "{\"login\": null}"), "issue.user.login: missing");
    assertRefused(edited("/issue/user", "{}"), "issue.user.login: missing");
    assertRefused(edited("/issue/html_url", "\"true\""), "issue.html_url: must be an http(s) URL");
    assertRefused(edited("/issue/labels", "[{\"name\": null}]"), "issue.labels[0].name: missing");
    assertRefused(edited("/issue/number", "-3"), "issue.number: must be a positive whole number");
    assertRefused(edited("/issue/title", "[]"), "issue.title: wrong type");
    assertRefused(
        edited("/repository/full_name", "\"../../app/x\""),
        "repository.full_name: must be owner/name");
  }

  @Test
  void jsonFollowedByAnythingIsRefused() {
    byte[] body = (fixture() + "}}}").getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> payloads.read("issues", body))
        .isInstanceOf(MalformedPayloadException.class)
        .hasMessageContaining("more after the JSON value");
  }

  private static String fixture() {
    return new String(
        WebhookFixtures.bytes("issues-opened-mcp-startup-timeout.json"), StandardCharsets.UTF_8);
  }

  /** The opened fixture with the field at {@code pointer} set to this JSON. */
  private static String edited(String pointer, String json) {
    try {
      var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
      var root = mapper.readTree(fixture());
      int slash = pointer.lastIndexOf('/');
      ((com.fasterxml.jackson.databind.node.ObjectNode) root.at(pointer.substring(0, slash)))
          .set(pointer.substring(slash + 1), mapper.readTree(json));
      return mapper.writeValueAsString(root);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private void assertRefused(String body, String message) {
    assertThatThrownBy(() -> payloads.read("issues", body.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(MalformedPayloadException.class)
        .hasMessageStartingWith(message);
  }

  @Test
  void jsonThatIsNotAnObjectIsMalformed() {
    assertThatThrownBy(() -> payloads.read("issues", "[1, 2]".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(MalformedPayloadException.class);
    assertThatThrownBy(() -> payloads.read("star", "null".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(MalformedPayloadException.class);
  }

  @Test
  void decodingAStoredDeliveryThatIsNoIssueToTriageFails() {
    StoredDelivery labeled =
        new StoredDelivery(
            "d-1",
            "issues",
            "labeled",
            58213947L,
            "anthropics/claude-code",
            WebhookFixtures.bytes("issues-labeled-bug.json"),
            Instant.EPOCH);

    assertThatThrownBy(() -> payloads.decode(labeled))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("issues.labeled");
  }

  @Test
  void malformedJsonIsNamedWithTheRightArticle() {
    byte[] broken = "{\"action\": ".getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> payloads.read("issues", broken))
        .hasMessageStartingWith("malformed JSON for an issues event");
    assertThatThrownBy(() -> payloads.read("issue_comment", broken))
        .hasMessageStartingWith("malformed JSON for an issue_comment event");
    assertThat(GitHubPayloads.anEvent("ping")).isEqualTo("a ping event");
  }
}
