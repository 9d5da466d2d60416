package dev.triagebot.bot.github;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.triagebot.bot.github.FakeGitHub.issuePath;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import dev.triagebot.bot.issue.IssueRef;
import dev.triagebot.bot.issue.RepositoryRef;
import dev.triagebot.bot.queue.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The REST implementation against a fake GitHub: the requests it makes (addressed, escaped, paged
 * and signed as GitHub expects), and how it sorts GitHub's failures into "wait and retry" and "give
 * up", without retrying or sleeping on its own.
 */
class GitHubRestOperationsTest {
  static final String REPO = "octo-org/triage-sandbox";
  static final IssueRef ISSUE = new IssueRef(new RepositoryRef(0, REPO), 7);
  static final Instant NOW = Instant.parse("2026-05-04T10:00:00Z");

  FakeGitHub github;
  MutableClock clock;
  GitHubOperations operations;

  @BeforeEach
  void startFakeGitHub() {
    github = new FakeGitHub();
    clock = new MutableClock(NOW);
    operations = GitHubRestOperations.withToken(github.apiUrl(), "ghp_test_token", clock);
  }

  @AfterEach
  void stopFakeGitHub() {
    github.close();
  }

  @Test
  void readsLabelsAndCommentsWithOneRequestEachAndNothingFetchedJustToAddressThem() {
    github
        .hasLabels(REPO, "bug", "area:mcp")
        .hasComments(REPO, 7, new IssueComment(11, "me too", "someone"));

    Object labels = operations.repositoryLabels(ISSUE.repository());
    List<IssueComment> first = operations.comments(ISSUE);
    List<IssueComment> second = operations.comments(ISSUE);

    assertThat(labels).isEqualTo(java.util.Set.of("bug", "area:mcp"));
    assertThat(first).containsExactly(new IssueComment(11, "me too", "someone"));
    assertThat(second).isEqualTo(first);
    assertThat(github.requests())
        .containsExactly(
            "GET /repos/" + REPO + "/labels?per_page=100",
            "GET " + issuePath(REPO, 7) + "/comments?per_page=100",
            "GET " + issuePath(REPO, 7) + "/comments?per_page=100");
    assertThat(
            github.received("GET", "/repos/" + REPO + "/labels").get(0).getHeader("Authorization"))
        .isEqualTo("token ghp_test_token");
    assertThat(github.unmatched()).isEmpty();
  }

  @Test
  void listingsFollowTheLinkHeaderAcrossEveryPage() {
    String comments = issuePath(REPO, 7) + "/comments";
    commentsPage(comments + "?per_page=100", 1, 100, comments + "?per_page=100&page=2");
    commentsPage(comments + "?per_page=100&page=2", 101, 100, comments + "?per_page=100&page=3");
    commentsPage(comments + "?per_page=100&page=3", 201, 42, null);

    List<IssueComment> listed = operations.comments(ISSUE);
    List<AuthoredComment> authored = operations.authoredComments(ISSUE);

    assertThat(listed).hasSize(242);
    assertThat(listed).extracting(IssueComment::id).startsWith(1L, 2L).endsWith(241L, 242L);
    assertThat(listed).extracting(IssueComment::id).isSorted().doesNotHaveDuplicates();
    assertThat(authored).hasSize(242);
    assertThat(github.requests())
        .containsExactly(
            "GET " + comments + "?per_page=100",
            "GET " + comments + "?per_page=100&page=2",
            "GET " + comments + "?per_page=100&page=3",
            "GET " + comments + "?per_page=100",
            "GET " + comments + "?per_page=100&page=2",
            "GET " + comments + "?per_page=100&page=3");
    assertThat(github.unmatched()).isEmpty();
  }

  @Test
  void aListingWhoseNextLinkComesBackToAPageAlreadyReadEnds() {
    String labels = "/repos/" + REPO + "/labels";
    github.stub(
        com.github.tomakehurst.wiremock.client.WireMock.get(urlEqualTo(labels + "?per_page=100")),
        FakeGitHub.ok(List.of(Map.of("name", "bug")))
            .withHeader(
                "Link", "<" + github.apiUrl() + labels + "?per_page=100&page=2>; rel=\"next\""));
    github.stub(
        com.github.tomakehurst.wiremock.client.WireMock.get(
            urlEqualTo(labels + "?per_page=100&page=2")),
        FakeGitHub.ok(List.of(Map.of("name", "area:mcp")))
            .withHeader(
                "Link", "<" + github.apiUrl() + labels + "?per_page=100&page=2>; rel=\"next\""));

    assertThat(operations.repositoryLabels(ISSUE.repository())).containsExactly("bug", "area:mcp");
    assertThat(github.requests())
        .containsExactly(
            "GET " + labels + "?per_page=100", "GET " + labels + "?per_page=100&page=2");
  }

  @Test
  void aNextPageOutsideTheApiIsNeverAskedForSoTheTokenStaysWithGitHub() {
    String comments = issuePath(REPO, 7) + "/comments";
    github.stub(
        com.github.tomakehurst.wiremock.client.WireMock.get(urlEqualTo(comments + "?per_page=100")),
        FakeGitHub.ok(List.of())
            .withHeader("Link", "<https://elsewhere.example/steal?page=2>; rel=\"next\""));

    GitHubRejectedException refused =
        catchThrowableOfType(GitHubRejectedException.class, () -> operations.comments(ISSUE));

    assertThat(refused.getMessage()).contains("outside").doesNotContain("ghp_test_token");
    assertThat(github.requests()).containsExactly("GET " + comments + "?per_page=100");
  }

  @Test
  void aLabelWithASlashIsOneEscapedPathSegment() {
    // GitHub answers 404 to .../labels/kind/bug, which would read as "already removed"
    github.stub(
        delete(urlEqualTo(issuePath(REPO, 7) + "/labels/kind%2Fbug")), FakeGitHub.ok(List.of()));

    operations.removeLabel(ISSUE, "kind/bug");

    assertThat(github.requests())
        .containsExactly("DELETE " + issuePath(REPO, 7) + "/labels/kind%2Fbug");
    assertThat(github.unmatched()).isEmpty();
  }

  @Test
  void aLabelGitHubNoLongerHasIsNoErrorButAnyOtherRefusalIs() {
    github.stub(
        delete(urlEqualTo(issuePath(REPO, 7) + "/labels/gone")),
        FakeGitHub.json(404, Map.of("message", "Label does not exist")));
    github.stub(
        delete(urlEqualTo(issuePath(REPO, 7) + "/labels/locked")),
        FakeGitHub.json(403, Map.of("message", "Resource not accessible by integration")));

    operations.removeLabel(ISSUE, "gone");

    assertThat(
            catchThrowableOfType(
                    GitHubRejectedException.class, () -> operations.removeLabel(ISSUE, "locked"))
                .status())
        .isEqualTo(403);
  }

  @Test
  void everyRequestNamesTriageBotAndItsVersionAsUserAgent() {
    github
        .hasLabels(REPO, "bug")
        .hasComments(REPO, 7)
        .acceptsNewComment(REPO, 7, 901)
        .stub(
            com.github.tomakehurst.wiremock.client.WireMock.get(
                urlPathEqualTo("/repos/" + REPO + "/collaborators/maint-lee/permission")),
            FakeGitHub.ok(Map.of("permission", "write", "role_name", "maintain")));

    operations.repositoryLabels(ISSUE.repository());
    operations.comments(ISSUE);
    operations.createComment(ISSUE, "hello");
    assertThat(operations.roleOf(ISSUE.repository(), "maint-lee")).isEqualTo("maintain");

    assertThat(github.server().getAllServeEvents()).hasSize(4);
    assertThat(github.server().getAllServeEvents())
        .extracting(event -> event.getRequest().getHeader("User-Agent"))
        .allSatisfy(agent -> assertThat(agent).matches("triage-bot/[0-9A-Za-z.+-]+"));
  }

  @Test
  void secondaryRateLimitWithRetryAfterIsUnavailableUntilThen() {
    labelsAnswer(
        aResponse()
            .withStatus(403)
            .withHeader("Retry-After", "30")
            .withBody("{\"message\":\"You have exceeded a secondary rate limit.\"}"));

    GitHubUnavailableException failure = unavailable();

    assertThat(failure.retryNotBefore()).contains(NOW.plusSeconds(30));
    github
        .server()
        .verify(exactly(1), getRequestedFor(urlPathEqualTo("/repos/" + REPO + "/labels")));
  }

  @Test
  void secondaryRateLimitWithoutRetryAfterWaitsGitHubsDocumentedMinute() {
    labelsAnswer(
        aResponse()
            .withStatus(403)
            .withHeader("Content-Type", "application/json")
            .withBody(
                "{\"message\":\"You have exceeded a secondary rate limit. Please wait a few"
                    + " minutes before you try again.\",\"documentation_url\":"
                    + "\"https://docs.github.com/rest/overview/rate-limits-for-the-rest-api\"}"));

    GitHubUnavailableException failure = unavailable();

    assertThat(failure.retryNotBefore()).contains(NOW.plus(Duration.ofMinutes(1)));
    github
        .server()
        .verify(exactly(1), getRequestedFor(urlPathEqualTo("/repos/" + REPO + "/labels")));
  }

  @Test
  void exhaustedPrimaryRateLimitIsUnavailableUntilTheReset() {
    long reset = NOW.plus(Duration.ofMinutes(17)).getEpochSecond();
    labelsAnswer(
        aResponse()
            .withStatus(403)
            .withHeader("x-ratelimit-limit", "5000")
            .withHeader("x-ratelimit-remaining", "0")
            .withHeader("x-ratelimit-reset", Long.toString(reset))
            .withBody("{\"message\":\"API rate limit exceeded for installation ID 4242.\"}"));

    GitHubUnavailableException failure = unavailable();

    assertThat(failure.retryNotBefore()).contains(Instant.ofEpochSecond(reset));
    github
        .server()
        .verify(exactly(1), getRequestedFor(urlPathEqualTo("/repos/" + REPO + "/labels")));
  }

  @Test
  void tooManyRequestsIsUnavailable() {
    labelsAnswer(aResponse().withStatus(429).withHeader("Retry-After", "5").withBody("{}"));

    assertThat(unavailable().retryNotBefore()).contains(NOW.plusSeconds(5));
  }

  @Test
  void serverErrorIsUnavailableWithoutATimeAndIsNotRetriedSilently() {
    labelsAnswer(aResponse().withStatus(502).withBody("{\"message\":\"Server Error\"}"));

    assertThat(unavailable().retryNotBefore()).isEmpty();
    github
        .server()
        .verify(exactly(1), getRequestedFor(urlPathEqualTo("/repos/" + REPO + "/labels")));
  }

  @Test
  void aConnectionDroppedBeforeTheAnswerIsUnavailableAndTheCommentIsNotPostedAgain() {
    // JDK's HttpClient may resend an idempotent GET on a fresh connection; a POST never.

    github.stub(
        post(urlPathEqualTo(issuePath(REPO, 7) + "/comments")),
        aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

    GitHubUnavailableException failure =
        catchThrowableOfType(
            GitHubUnavailableException.class, () -> operations.createComment(ISSUE, "hello"));

    assertThat(failure.getMessage()).contains("failed before GitHub answered");
    assertThat(failure.retryNotBefore()).isEmpty();
    github
        .server()
        .verify(exactly(1), postRequestedFor(urlPathEqualTo(issuePath(REPO, 7) + "/comments")));
  }

  @Test
  void anUnreachableGitHubIsUnavailable() {
    github.close();

    assertThatThrownBy(() -> operations.repositoryLabels(ISSUE.repository()))
        .isInstanceOf(GitHubUnavailableException.class);
  }

  @Test
  void notFoundIsRejectedNotRetried() {
    github.stub(
        com.github.tomakehurst.wiremock.client.WireMock.get(
            urlPathEqualTo(issuePath(REPO, 7) + "/comments")),
        FakeGitHub.json(404, Map.of("message", "Not Found")));

    GitHubRejectedException failure =
        catchThrowableOfType(GitHubRejectedException.class, () -> operations.comments(ISSUE));

    assertThat(failure.status()).isEqualTo(404);
  }

  @Test
  void unprocessableIsRejectedNotRetried() {

    github.stub(
        post(urlPathEqualTo(issuePath(REPO, 7) + "/comments")),
        FakeGitHub.json(422, Map.of("message", "Validation Failed")));

    GitHubRejectedException failure =
        catchThrowableOfType(
            GitHubRejectedException.class, () -> operations.createComment(ISSUE, "hello"));

    assertThat(failure.status()).isEqualTo(422);
    github
        .server()
        .verify(exactly(1), postRequestedFor(urlPathEqualTo(issuePath(REPO, 7) + "/comments")));
  }

  @Test
  void aForbiddenRequestThatIsNoRateLimitIsRejected() {
    labelsAnswer(FakeGitHub.json(403, Map.of("message", "Resource not accessible by integration")));

    GitHubRejectedException failure =
        catchThrowableOfType(
            GitHubRejectedException.class, () -> operations.repositoryLabels(ISSUE.repository()));

    assertThat(failure.status()).isEqualTo(403);
  }

  @Test
  void aCommentIsUpdatedAndDeletedByItsIdAlone() {
    github.acceptsCommentUpdate(REPO, 7, 77).acceptsCommentDelete(REPO, 77);

    operations.updateComment(ISSUE, 77, "new body");
    operations.deleteComment(ISSUE, 77);

    assertThat(github.requests())
        .containsExactly(
            "PATCH /repos/" + REPO + "/issues/comments/77",
            "DELETE /repos/" + REPO + "/issues/comments/77");
    assertThat(
            github
                .received("PATCH", "/repos/" + REPO + "/issues/comments/77")
                .get(0)
                .getBodyAsString())
        .isEqualTo("{\"body\":\"new body\"}");
  }

  /** One page of a comment listing: {@code count} comments from id {@code first}. */
  private void commentsPage(String url, long first, int count, String next) {
    List<Map<String, Object>> page = new java.util.ArrayList<>();
    for (long id = first; id < first + count; id++) {
      page.add(FakeGitHub.comment(REPO, 7, new IssueComment(id, "comment " + id, "someone")));
    }
    ResponseDefinitionBuilder answer = FakeGitHub.ok(page);
    if (next != null) {
      answer.withHeader(
          "Link",
          "<"
              + github.apiUrl()
              + next
              + ">; rel=\"next\", <"
              + github.apiUrl()
              + url
              + ">; rel=\"first\"");
    }
    github.stub(com.github.tomakehurst.wiremock.client.WireMock.get(urlEqualTo(url)), answer);
  }

  private void labelsAnswer(ResponseDefinitionBuilder answer) {
    github.stub(
        com.github.tomakehurst.wiremock.client.WireMock.get(
            urlPathEqualTo("/repos/" + REPO + "/labels")),
        answer);
  }

  private GitHubUnavailableException unavailable() {
    GitHubUnavailableException failure =
        catchThrowableOfType(
            GitHubUnavailableException.class,
            () -> operations.repositoryLabels(ISSUE.repository()));
    assertThat(failure).as("GitHubUnavailableException").isNotNull();
    assertThat(failure.getMessage()).doesNotContain("ghp_test_token");
    return failure;
  }
}
