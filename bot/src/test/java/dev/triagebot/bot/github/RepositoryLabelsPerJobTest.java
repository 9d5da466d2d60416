package dev.triagebot.bot.github;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.triagebot.bot.issue.RepositoryRef;
import dev.triagebot.bot.queue.MutableClock;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Repository labels are read once per job, and afresh in the next one. */
class RepositoryLabelsPerJobTest {
  static final RepositoryRef WIDGETS = new RepositoryRef(0, "acme/widgets");
  static final RepositoryRef GADGETS = new RepositoryRef(0, "acme/gadgets");
  static final String LIST_WIDGET_LABELS = "GET /repos/acme/widgets/labels?per_page=100";

  FakeGitHub github;
  RepositoryLabelsPerJob perJob;
  GitHubOperations operations;

  @BeforeEach
  void startFakeGitHub() {
    github = new FakeGitHub().hasLabels("acme/widgets", "bug").hasLabels("acme/gadgets", "idea");
    perJob = new RepositoryLabelsPerJob();
    operations =
        perJob.memoising(
            GitHubRestOperations.withToken(
                github.apiUrl(), "ghp_test", new MutableClock(Instant.EPOCH)));
  }

  @AfterEach
  void stopFakeGitHub() {
    github.close();
  }

  @Test
  void aJobReadsEachRepositorysLabelsOnceHoweverOftenItAsks() {
    perJob.during(
        () -> {
          assertThat(operations.repositoryLabels(WIDGETS)).containsExactly("bug");
          assertThat(operations.repositoryLabels(WIDGETS)).containsExactly("bug");
          assertThat(operations.repositoryLabels(GADGETS)).containsExactly("idea");
          perJob.during(() -> operations.repositoryLabels(WIDGETS));
        });

    assertThat(github.requests())
        .containsExactly(LIST_WIDGET_LABELS, "GET /repos/acme/gadgets/labels?per_page=100");
  }

  @Test
  void theNextJobAndWorkOutsideAnyJobReadAfresh() {
    perJob.during(() -> operations.repositoryLabels(WIDGETS));
    perJob.during(() -> operations.repositoryLabels(WIDGETS));
    operations.repositoryLabels(WIDGETS);
    operations.repositoryLabels(WIDGETS);

    assertThat(github.requests()).hasSize(4).containsOnly(LIST_WIDGET_LABELS);
  }

  @Test
  void aFailedReadIsNotRememberedSoTheJobCanAskAgain() {
    github
        .server()
        .stubFor(
            get(urlPathEqualTo("/repos/acme/widgets/labels"))
                .inScenario("flaky")
                .whenScenarioStateIs(STARTED)
                .willReturn(FakeGitHub.json(502, Map.of("message", "Bad Gateway")))
                .willSetStateTo("recovered"));
    github
        .server()
        .stubFor(
            get(urlPathEqualTo("/repos/acme/widgets/labels"))
                .inScenario("flaky")
                .whenScenarioStateIs("recovered")
                .willReturn(FakeGitHub.ok(java.util.List.of(Map.of("name", "bug")))));

    perJob.during(
        () -> {
          assertThatThrownBy(() -> operations.repositoryLabels(WIDGETS))
              .isInstanceOf(GitHubUnavailableException.class);
          assertThat(operations.repositoryLabels(WIDGETS)).containsExactly("bug");
          assertThat(operations.repositoryLabels(WIDGETS)).containsExactly("bug");
        });

    assertThat(github.requests()).containsExactly(LIST_WIDGET_LABELS, LIST_WIDGET_LABELS);
  }
}
