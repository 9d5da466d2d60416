package dev.triagebot.bot.github;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GitHubCallsTest {

  @Test
  void pathsFoldIntoAFixedSetOfGroupsSoNumbersLoginsAndLabelNamesNeverBecomeTags() {
    assertThat(GitHubCalls.endpointGroup("/repos/o/r")).isEqualTo("repository");
    assertThat(GitHubCalls.endpointGroup("/repos/o/r/contents/.github/triage-bot.yml"))
        .isEqualTo("contents");
    assertThat(GitHubCalls.endpointGroup("/repos/o/r/contents/issues/labels.md"))
        .isEqualTo("contents");
    assertThat(GitHubCalls.endpointGroup("/repos/o/r/issues")).isEqualTo("issues");
    assertThat(GitHubCalls.endpointGroup("/repos/o/r/issues/7")).isEqualTo("issues");
    assertThat(GitHubCalls.endpointGroup("/repos/o/r/issues/7/comments")).isEqualTo("comments");
    assertThat(GitHubCalls.endpointGroup("/repos/o/r/issues/comments/5001")).isEqualTo("comments");
    assertThat(GitHubCalls.endpointGroup("/repos/o/r/issues/comments/5001/reactions"))
        .isEqualTo("reactions");
    assertThat(GitHubCalls.endpointGroup("/repos/o/r/issues/7/labels/area:mcp"))
        .isEqualTo("labels");
    assertThat(GitHubCalls.endpointGroup("/repos/o/r/collaborators/someone/permission"))
        .isEqualTo("permission");
    assertThat(GitHubCalls.endpointGroup("/app/installations/42/access_tokens"))
        .isEqualTo("installation-token");
    assertThat(GitHubCalls.endpointGroup("/app")).isEqualTo("app");
    assertThat(GitHubCalls.endpointGroup("/user")).isEqualTo("user");
    assertThat(GitHubCalls.endpointGroup("/api/v3/repos/o/r/labels")).isEqualTo("labels");
    assertThat(GitHubCalls.endpointGroup("/gists/abc")).isEqualTo("other");
    assertThat(GitHubCalls.endpointGroup("/")).isEqualTo("root");
  }

  @Test
  void eachRequestIsTimedByGroupMethodAndStatusAndTheLastRateLimitHeadroomIsKept() {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    GitHubCalls calls = new GitHubCalls(meters);
    URI comments = URI.create("https://api.github.com/repos/o/r/issues/7/comments");

    calls.answered(
        "post",
        comments,
        502,
        Map.of("X-RateLimit-Remaining", List.of("4999"), "X-RateLimit-Resource", List.of("core")),
        2_000_000);
    calls.answered("POST", comments, 201, Map.of("x-ratelimit-remaining", List.of("4998")), 1);
    calls.answered("GET", comments, 200, Map.of("x-ratelimit-remaining", List.of("lots")), 1);
    calls.unanswered("GET", comments, 30_000_000_000L);

    assertThat(requests(meters, "POST", "502")).isEqualTo(1);
    assertThat(requests(meters, "POST", "201")).isEqualTo(1);
    assertThat(requests(meters, "GET", "200")).isEqualTo(1);
    assertThat(requests(meters, "GET", GitHubCalls.NO_ANSWER)).isEqualTo(1);
    assertThat(
            meters
                .get("triage.github.rate.limit.remaining")
                .tag("resource", "core")
                .gauge()
                .value())
        .as("the last number GitHub sent; a value that is no number is ignored")
        .isEqualTo(4998);
  }

  private static long requests(SimpleMeterRegistry meters, String method, String status) {
    return meters
        .get("triage.github.requests")
        .tags("endpoint", "comments", "method", method, "status", status)
        .timer()
        .count();
  }
}
