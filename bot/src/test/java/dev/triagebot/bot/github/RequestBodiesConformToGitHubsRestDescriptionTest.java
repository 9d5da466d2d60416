package dev.triagebot.bot.github;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.ValidationMessage;
import dev.triagebot.bot.issue.IssueRef;
import dev.triagebot.bot.issue.RepositoryRef;
import dev.triagebot.bot.triage.CommentMarker;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The request bodies the bot really sends (captured by the fake GitHub) are valid against GitHub's
 * own REST description, {@code shared/github/openapi/api.github.com.json}: each operation's
 * requestBody schema, with its {@code $ref}s resolved and OpenAPI 3.0's {@code nullable} turned
 * into JSON Schema, validated as draft-04.
 */
class RequestBodiesConformToGitHubsRestDescriptionTest {
  static final String REPO = "octo-org/triage-sandbox";
  static final IssueRef ISSUE = new IssueRef(new RepositoryRef(0, REPO), 7);
  static final ObjectMapper JSON = new ObjectMapper();

  static GitHubRestDescription description;
  static FakeGitHub github;

  @BeforeAll
  static void startFakeGitHub() {
    github = new FakeGitHub();
  }

  /** Per test, so that without the shared folder each test is reported skipped with the reason. */
  @BeforeEach
  void readGitHubsDescription() throws IOException {
    description = GitHubRestDescription.require();
  }

  @AfterAll
  static void stopFakeGitHub() {
    if (github != null) {
      github.close();
    }
  }

  @Test
  void addLabelsCreateCommentAndUpdateCommentSendValidBodies() throws IOException {
    // given
    github
        .hasRepository(REPO)
        .hasIssue(REPO, 7)
        .hasComments(REPO, 7, new IssueComment(77, "old", FakeGitHub.BOT_LOGIN))
        .acceptsLabels(REPO, 7)
        .acceptsNewComment(REPO, 7, 901)
        .acceptsCommentUpdate(REPO, 7, 77);
    GitHubOperations operations =
        GitHubRestOperations.withToken(github.apiUrl(), "ghp_test_token", Clock.systemUTC());
    String body = CommentMarker.forSignature("x") + "\n**Triage bot:** \"quoted\" — ✓\n- [ ] item";

    // when
    operations.addLabels(ISSUE, List.of("area:mcp", "area:auth"));
    operations.createComment(ISSUE, body);
    operations.comments(ISSUE);
    operations.updateComment(ISSUE, 77, body);

    // then
    assertValid(
        "/repos/{owner}/{repo}/issues/{issue_number}/labels",
        "post",
        captured("POST", "/repos/" + REPO + "/issues/7/labels"));
    assertValid(
        "/repos/{owner}/{repo}/issues/{issue_number}/comments",
        "post",
        captured("POST", "/repos/" + REPO + "/issues/7/comments"));
    assertValid(
        "/repos/{owner}/{repo}/issues/comments/{comment_id}",
        "patch",
        captured("PATCH", "/repos/" + REPO + "/issues/comments/77"));
    assertThat(captured("POST", "/repos/" + REPO + "/issues/7/comments").get("body").asText())
        .isEqualTo(body);
  }

  @Test
  void reactionsSendValidBodies() throws IOException {
    // given our comment, which a review command reacts to
    github
        .hasRepository(REPO)
        .hasIssue(REPO, 7)
        .hasComments(REPO, 7, new IssueComment(78, "/triage accept", "maint-lee"));
    github.stub(
        com.github.tomakehurst.wiremock.client.WireMock.post(
            com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo(
                "/repos/" + REPO + "/issues/comments/78/reactions")),
        FakeGitHub.json(
            201,
            Map.of(
                "id", 1,
                "node_id", "REA_1",
                "content", "+1",
                "user", Map.of("login", FakeGitHub.BOT_LOGIN, "id", 2, "type", "Bot"),
                "created_at", "2026-11-24T12:00:00Z")));
    GitHubOperations operations =
        GitHubRestOperations.withToken(github.apiUrl(), "ghp_test_token", Clock.systemUTC());

    // when
    operations.react(ISSUE, 78, Reaction.THUMBS_UP);

    // then
    JsonNode body = captured("POST", "/repos/" + REPO + "/issues/comments/78/reactions");
    assertValid("/repos/{owner}/{repo}/issues/comments/{comment_id}/reactions", "post", body);
    assertThat(body.get("content").asText()).isEqualTo("+1");
    assertThat(
            requestSchema("/repos/{owner}/{repo}/issues/comments/{comment_id}/reactions", "post")
                .validate(JSON.valueToTree(Map.of("content", "thumbs_up"))))
        .as("GitHub's names for reactions are +1, -1, confused, ...")
        .isNotEmpty();
  }

  @Test
  void theInstallationTokenRequestSendsAValidBody() throws IOException {
    String tokens = "/app/installations/4243/access_tokens";
    github.hasApp(123456, 4243).hasRepository(REPO).hasLabels(REPO, "bug");
    github.stub(
        com.github.tomakehurst.wiremock.client.WireMock.post(
            com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo(tokens)),
        FakeGitHub.json(
            201,
            GitHubAppAuthTest.token("ghs_conformance", java.time.Instant.now().plusSeconds(3600))));
    GitHubOperations operations =
        GitHubRestOperations.asApp(
            github.apiUrl(), 123456, PrivateKeyPem.parse(TestKeys.pkcs8Pem()), Clock.systemUTC());

    operations.repositoryLabels(new RepositoryRef(4243, REPO));

    assertValid(
        "/app/installations/{installation_id}/access_tokens", "post", captured("POST", tokens));
  }

  @Test
  void theSchemasRejectBodiesGitHubWouldRefuse() {
    JsonSchema labels = requestSchema("/repos/{owner}/{repo}/issues/{issue_number}/labels", "post");
    JsonSchema comment =
        requestSchema("/repos/{owner}/{repo}/issues/{issue_number}/comments", "post");

    assertThat(labels.validate(JSON.valueToTree(Map.of("labels", List.of())))).isNotEmpty();
    assertThat(comment.validate(JSON.valueToTree(Map.of("body", 5)))).isNotEmpty();
    assertThat(comment.validate(JSON.valueToTree(Map.of("text", "hi")))).isNotEmpty();
  }

  private static JsonNode captured(String method, String path) throws IOException {
    List<com.github.tomakehurst.wiremock.verification.LoggedRequest> requests =
        github.received(method, path);
    assertThat(requests).as("%s %s was sent", method, path).hasSize(1);
    assertThat(requests.get(0).getHeader("Content-Type")).startsWith("application/json");
    return JSON.readTree(requests.get(0).getBodyAsString());
  }

  private static void assertValid(String path, String method, JsonNode body) {
    Set<ValidationMessage> problems = requestSchema(path, method).validate(body);
    assertThat(problems).as("%s %s with %s", method.toUpperCase(), path, body).isEmpty();
  }

  private static JsonSchema requestSchema(String path, String method) {
    return description.requestSchema(path, method);
  }
}
