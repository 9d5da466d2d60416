package dev.triagebot.bot.index;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.triagebot.bot.github.FakeGitHub;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * An operator starts a backfill in the running service: given a repository of two issues and a pull
 * request, when the backfill is POSTed with the token, then a replica claims it, both issues are
 * stored and reach the index, and the status says done.
 */
@SpringBootTest
@AutoConfigureMockMvc
class BackfillControllerTest {
  static final String REPO = "acme/gadgets";
  static final String TOKEN = "operator-token";
  static final FakeGitHub GITHUB = new FakeGitHub();

  @DynamicPropertySource
  static void settings(DynamicPropertyRegistry settings) {
    settings.add("spring.datasource.url", () -> "jdbc:h2:mem:backfill-job-" + UUID.randomUUID());
    settings.add("triage.data-dir", () -> "target/test-data/backfill-job-" + UUID.randomUUID());
    settings.add("triage.github.webhook-secret", () -> "backfill-job-secret");
    settings.add("triage.github.token", () -> "ghp_backfill_job");
    settings.add("triage.github.api-url", () -> GITHUB.apiUrl().toString());
    settings.add("triage.review.token", () -> TOKEN);
    settings.add("triage.review.reaction-polling", () -> "false");
  }

  @AfterAll
  static void stopFakeGitHub() {
    GITHUB.close();
  }

  @Autowired MockMvc mvc;
  @Autowired RepositoryIndexes indexes;

  @Test
  void aBackfillStartedThroughTheServiceIndexesTheRepositoryInTheBackground() throws Exception {
    GITHUB.stub(
        get(urlPathEqualTo("/repos/" + REPO + "/issues")),
        FakeGitHub.ok(List.of(issue(1), issue(2), pullRequest(3))));

    mvc.perform(post("/admin/backfill").param("repo", REPO)).andExpect(status().isUnauthorized());
    mvc.perform(
            post("/admin/backfill")
                .param("repo", REPO)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN))
        .andExpect(status().isAccepted())
        .andExpect(jsonPath("$.repository").value(REPO));

    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                mvc.perform(
                        org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get(
                                "/admin/backfill")
                            .header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN))
                    .andExpect(jsonPath("$[0].state").value("done"))
                    .andExpect(
                        jsonPath("$[0].progress")
                            .value(org.hamcrest.Matchers.containsString("2 issues stored"))));
    // the service's own index takes them from the store
    await().atMost(Duration.ofSeconds(10)).until(() -> indexes.forRepository(REPO).size() == 2);
    assertThat(indexes.forRepository(REPO).find(3)).isEmpty();
  }

  @Test
  void aMalformedRepositoryNameIsRefused() throws Exception {
    mvc.perform(
            post("/admin/backfill")
                .param("repo", "not a repo")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN))
        .andExpect(status().isBadRequest());
  }

  private static Map<String, Object> issue(int number) {
    return Map.of(
        "number",
        number,
        "title",
        "Gadget sync fails " + number,
        "body",
        "The gadget sync fails after an update.",
        "state",
        "open",
        "labels",
        List.of(),
        "author_association",
        "NONE",
        "created_at",
        "2026-01-01T00:00:00Z",
        "updated_at",
        "2026-01-0" + number + "T00:00:00Z");
  }

  private static Map<String, Object> pullRequest(int number) {
    return Map.of(
        "number", number,
        "title", "Fix gadget sync",
        "body", "",
        "state", "open",
        "labels", List.of(),
        "author_association", "MEMBER",
        "created_at", "2026-01-01T00:00:00Z",
        "updated_at", "2026-01-03T00:00:00Z",
        "pull_request", Map.of("url", "https://api.github.com/repos/" + REPO + "/pulls/" + number));
  }
}
