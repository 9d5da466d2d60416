package dev.triagebot.bot.index;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.WireMock;
import dev.triagebot.bot.github.FakeGitHub;
import dev.triagebot.bot.github.GitHubRestOperations;
import dev.triagebot.bot.github.GitHubUnavailableException;
import dev.triagebot.bot.github.IssuePage;
import dev.triagebot.bot.issue.RepositoryRef;
import dev.triagebot.bot.queue.MigratedDatabase;
import dev.triagebot.bot.queue.MutableClock;
import dev.triagebot.classifier.similar.IndexedIssue;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Backfill against a fake GitHub: paging, pull requests, duplicate targets, resume, budget. */
class BackfillRepositoryTest {
  private static final String REPO = "acme/widgets";
  private static final String ISSUES = "/repos/" + REPO + "/issues";
  private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

  private final FakeGitHub github = new FakeGitHub();
  private final MigratedDatabase database = MigratedDatabase.h2();
  private final MutableClock clock = new MutableClock(Instant.parse("2025-06-01T00:00:00Z"));
  private final List<Duration> sleeps = new ArrayList<>();
  private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
  private final BackfillCheckpoints checkpoints = new BackfillCheckpoints(database.jdbc(), clock);
  private final KnownIssues issues =
      new KnownIssues(database.jdbc(), database.transaction().getTransactionManager());

  @AfterEach
  void close() {
    database.close();
    github.close();
  }

  @Test
  void pagesThroughEveryIssueSkipsPullRequestsAndLearnsDuplicateTargetsFromMaintainers()
      throws Exception {
    // given a full first page (99 issues and a pull request) and a short second one
    List<Map<String, Object>> first = new ArrayList<>();
    for (int n = 1; n <= 100; n++) {
      first.add(n == 50 ? pullRequest(n, T0.plusSeconds(n)) : issue(n, T0.plusSeconds(n)));
    }
    Map<String, Object> duplicate = issue(101, T0.plusSeconds(200));
    duplicate.put("state", "closed");
    duplicate.put("state_reason", "duplicate");
    pageAnswers(null, 1, first, 4000);
    pageAnswers(T0.plusSeconds(99), 1, List.of(duplicate, issue(102, T0.plusSeconds(201))), 3999);
    github.stub(
        get(urlPathEqualTo(ISSUES + "/101/comments")),
        FakeGitHub.ok(
            List.of(
                comment("Duplicate of #7", "NONE", "someone"),
                comment("Duplicate of #3", "MEMBER", "maintainer"))));

    // when
    BackfillCheckpoints.Checkpoint end = backfill(100).run(repository(), intoTheStore());

    // then exactly these requests, and every issue but the pull request is indexed
    assertThat(github.requests())
        .containsExactly(
            "GET " + ISSUES + "?state=all&sort=updated&direction=asc&per_page=100&page=1",
            "GET "
                + ISSUES
                + "?state=all&sort=updated&direction=asc&per_page=100&page=1&since=2025-01-01T00%3A01%3A39Z",
            "GET " + ISSUES + "/101/comments?per_page=100");
    assertThat(stored()).hasSize(101);
    assertThat(issues.find(REPO, 50)).isEmpty();
    assertThat(issues.find(REPO, 101).orElseThrow().issue().duplicateOf()).isEqualTo(3);
    assertThat(issues.find(REPO, 1).orElseThrow().issue().duplicateOf()).isNull();
    assertThat(end.done()).isTrue();
    assertThat(end.issuesIndexed()).isEqualTo(101);
    assertThat(stderr.toString(StandardCharsets.UTF_8))
        .contains("backfill acme/widgets: 99 issues indexed, 100 items listed")
        .contains("101 issues indexed, 102 items listed")
        .contains("items/s")
        .containsPattern("100 items listed, [0-9.]+ items/s, ETA [0-9hms.]+, next since")
        .contains("done");
  }

  @Test
  void theLastPageNamedByGitHubsLinkHeaderBoundsWhatIsLeft() {
    assertThat(
            IssuePage.lastPage(
                "<https://api.github.com/repositories/1/issues?state=all&page=2>; rel=\"next\","
                    + " <https://api.github.com/repositories/1/issues?state=all&page=34>;"
                    + " rel=\"last\""))
        .isEqualTo(34);
    assertThat(IssuePage.lastPage("<https://x/issues?page=1>; rel=\"prev\"")).isZero();
    assertThat(IssuePage.lastPage(null)).isZero();
  }

  @Test
  void aStoppedBackfillResumesFromItsCheckpointAndARerunIsIdempotent() throws Exception {
    // given the second page fails with a GitHub outage
    List<Map<String, Object>> first = new ArrayList<>();
    for (int n = 1; n <= 100; n++) {
      first.add(issue(n, T0.plusSeconds(n)));
    }
    pageAnswers(null, 1, first, 4000);
    github.stub(
        get(urlPathEqualTo(ISSUES)).withQueryParam("since", WireMock.matching(".+")),
        FakeGitHub.json(502, Map.of("message", "Bad Gateway")));
    assertThatThrownBy(() -> backfill(100).run(repository(), intoTheStore()))
        .isInstanceOf(GitHubUnavailableException.class);
    assertThat(checkpoints.load(REPO).orElseThrow().since()).isEqualTo(T0.plusSeconds(99));

    // when GitHub is back and the backfill runs again
    github.server().resetAll();
    pageAnswers(T0.plusSeconds(99), 1, List.of(issue(100, T0.plusSeconds(100))), 4000);
    backfill(100).run(repository(), intoTheStore());

    // then it asked only from the checkpoint on
    assertThat(github.requests())
        .containsExactly(
            "GET "
                + ISSUES
                + "?state=all&sort=updated&direction=asc&per_page=100&page=1&since=2025-01-01T00%3A01%3A39Z");
    assertThat(stored()).hasSize(100);

    // and a re-run after completion writes nothing new
    long before = issues.version(REPO);
    pageAnswers(T0.plusSeconds(99), 1, List.of(issue(100, T0.plusSeconds(100))), 4000);
    backfill(100).run(repository(), intoTheStore());
    assertThat(stored()).hasSize(100);
    assertThat(issues.countChangedAfter(REPO, before))
        .as("an unchanged issue is not written again")
        .isZero();
  }

  @Test
  void pausesUntilTheRateLimitResetsWhenLiveTrafficsReserveIsReached() throws Exception {
    List<Map<String, Object>> first = new ArrayList<>();
    for (int n = 1; n <= 100; n++) {
      first.add(issue(n, T0.plusSeconds(n)));
    }
    // 150 requests left, the reserve is 500; the limit resets in 10 minutes
    pageAnswers(null, 1, first, 150);
    pageAnswers(T0.plusSeconds(99), 1, List.of(), 4999);

    backfill(500).run(repository(), intoTheStore());

    assertThat(sleeps).containsExactly(Duration.ofMinutes(10).plusSeconds(1));
    assertThat(stderr.toString(StandardCharsets.UTF_8))
        .contains("150 requests left, below the reserve of 500 for live triage; pausing 601s");
  }

  private BackfillRepository backfill(int reserve) {
    return new BackfillRepository(
        GitHubRestOperations.withToken(github.apiUrl(), "ghp_test", clock),
        checkpoints,
        reserve,
        clock,
        duration -> {
          sleeps.add(duration);
          clock.advance(duration);
        },
        new PrintStream(stderr, true, StandardCharsets.UTF_8));
  }

  /**
   * Pages go where a replica's backfill puts them: into the store with the checkpoint, under the
   * lease this test's replica claimed.
   */
  private BackfillRepository.Pages intoTheStore() {
    checkpoints.request(REPO, 0, 100);
    checkpoints.claim("test-replica", clock.instant().plus(Duration.ofMinutes(2)), REPO);
    return (page, next) ->
        database
            .transaction()
            .execute(
                status -> {
                  issues.recordAll(
                      REPO, page.stream().map(i -> new IndexChange.Upsert(REPO, i)).toList());
                  return checkpoints.advance(
                      REPO, "test-replica", next, clock.instant().plus(Duration.ofMinutes(2)));
                });
  }

  private List<IndexedIssue> stored() {
    List<IndexedIssue> all = new ArrayList<>();
    issues.current(REPO, 1000).forEach(all::add);
    return all;
  }

  private static RepositoryRef repository() {
    return new RepositoryRef(0, REPO);
  }

  private void pageAnswers(Instant since, int page, List<Map<String, Object>> items, int left) {
    var request =
        get(urlPathEqualTo(ISSUES))
            .withQueryParam("page", WireMock.equalTo(Integer.toString(page)))
            .withQueryParam("state", WireMock.equalTo("all"));
    request =
        since == null
            ? request.withQueryParam("since", WireMock.absent())
            : request.withQueryParam("since", WireMock.equalTo(since.toString()));
    github.stub(
        request,
        FakeGitHub.ok(items)
            .withHeader("x-ratelimit-remaining", Integer.toString(left))
            .withHeader(
                "x-ratelimit-reset",
                Long.toString(clock.instant().plus(Duration.ofMinutes(10)).getEpochSecond()))
            // GitHub names the last page of a listing in its Link header
            .withHeader(
                "link",
                "<https://api.github.com/repositories/1/issues?page="
                    + (page + 1)
                    + ">; rel=\"next\", <https://api.github.com/repositories/1/issues?page=40>;"
                    + " rel=\"last\""));
  }

  private static Map<String, Object> issue(int number, Instant updated) {
    Map<String, Object> issue = new LinkedHashMap<>();
    issue.put("number", number);
    issue.put("title", "Issue " + number + " about the widget cache");
    issue.put("body", "The widget cache fails to refresh (case " + number + ").");
    issue.put("state", "open");
    issue.put("state_reason", null);
    issue.put("labels", List.of(Map.of("name", "area:cache")));
    issue.put("author_association", "NONE");
    issue.put("created_at", updated.minusSeconds(3600).toString());
    issue.put("updated_at", updated.toString());
    return issue;
  }

  private static Map<String, Object> pullRequest(int number, Instant updated) {
    Map<String, Object> pull = issue(number, updated);
    pull.put(
        "pull_request", Map.of("url", "https://api.github.com/repos/" + REPO + "/pulls/" + number));
    return pull;
  }

  private static Map<String, Object> comment(String body, String association, String login) {
    return Map.of(
        "body", body,
        "author_association", association,
        "user", Map.of("login", login, "type", "User"));
  }
}
