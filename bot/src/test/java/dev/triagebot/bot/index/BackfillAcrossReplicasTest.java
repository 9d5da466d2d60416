package dev.triagebot.bot.index;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.client.WireMock;
import dev.triagebot.bot.github.FakeGitHub;
import dev.triagebot.bot.github.GitHubOperations;
import dev.triagebot.bot.github.GitHubRestOperations;
import dev.triagebot.bot.queue.MigratedDatabase;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * A backfill runs once per repository across replicas, under a lease in the store, and every
 * replica's index gets its result through the store. Two replicas here are two {@link BackfillJobs}
 * (and two index upkeeps) on one database, against a fake GitHub listing 150 issues in two pages.
 */
class BackfillAcrossReplicasTest {
  private static final String REPO = "acme/widgets";
  private static final String ISSUES = "/repos/" + REPO + "/issues";
  private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

  @TempDir Path dataOne;
  @TempDir Path dataTwo;
  private final FakeGitHub github = new FakeGitHub();
  private final MigratedDatabase database = MigratedDatabase.h2();
  private final Clock clock = Clock.systemUTC();
  private final KnownIssues issues =
      new KnownIssues(database.jdbc(), database.transaction().getTransactionManager());
  private final ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();

  @AfterEach
  void close() {
    scheduler.shutdown();
    database.close();
    github.close();
  }

  @Test
  void twoReplicasClaimingAtOnceRunTheBackfillOnceAndBothIndexesGetIt() throws Exception {
    // given 150 issues in two pages and a backfill requested on replica one
    pages(4000);
    BackfillJobs one = replica("replica-one");
    BackfillJobs two = replica("replica-two");
    one.start(REPO, 100);

    // when both replicas' rounds look for work at the same time
    CompletableFuture.allOf(
            CompletableFuture.runAsync(one::round), CompletableFuture.runAsync(two::round))
        .get();

    // then GitHub was paged through once, and the backfill is done with its lease given back
    assertThat(github.requests()).filteredOn(r -> r.startsWith("GET " + ISSUES)).hasSize(2);
    assertThat(one.statuses())
        .singleElement()
        .satisfies(
            status -> {
              assertThat(status.state()).isEqualTo("done");
              assertThat(status.progress()).startsWith("150 issues stored");
              assertThat(status.replica()).isNull();
            });

    // and each replica's index takes the 150 issues from the store
    try (RepositoryIndexes first = new RepositoryIndexes(dataOne);
        RepositoryIndexes second = new RepositoryIndexes(dataTwo)) {
      assertThat(upkeep(first, "replica-one").applyPending()).isEqualTo(150);
      assertThat(upkeep(second, "replica-two").applyPending()).isEqualTo(150);
      assertThat(first.forRepository(REPO).size()).isEqualTo(150);
      assertThat(second.forRepository(REPO).size()).isEqualTo(150);
    }
  }

  @Test
  void aReplicaThatStopsMidBackfillGivesItsLeaseBackAndAnotherResumesFromTheCheckpoint()
      throws Exception {
    // given a first page that leaves fewer requests than the reserve, for an hour
    pages(10);
    BackfillJobs one = replica("replica-one");
    BackfillJobs two = replica("replica-two");
    one.start(REPO, 100);
    CompletableFuture<Void> running = CompletableFuture.runAsync(one::round);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> one.statuses().get(0).progress().startsWith("100 issues stored"));
    assertThat(two.statuses().get(0).replica()).isEqualTo("replica-one");
    two.round();
    assertThat(two.statuses().get(0).replica())
        .as("a live lease is not taken over")
        .isEqualTo("replica-one");

    // when replica one stops during its rate-limit pause
    one.stop();
    running.get();

    // then its lease is free at once, and replica two resumes after the first page
    assertThat(two.statuses().get(0).replica()).isNull();
    assertThat(two.statuses().get(0).state()).isEqualTo("running");
    two.round();
    assertThat(two.statuses().get(0).state()).isEqualTo("done");
    assertThat(github.requests())
        .filteredOn(r -> r.startsWith("GET " + ISSUES))
        .as("the first page is not fetched again")
        .hasSize(2);
    assertThat(issues.countChangedAfter(REPO, 0)).isEqualTo(150);
  }

  private BackfillJobs replica(String name) {
    GitHubOperations client = GitHubRestOperations.withToken(github.apiUrl(), "ghp_test", clock);
    return new BackfillJobs(
        new BackfillCheckpoints(database.jdbc(), clock),
        new BackfillTargets(database.jdbc(), false),
        () -> Optional.of(client),
        issues,
        database.transaction(),
        scheduler,
        name,
        Duration.ofSeconds(1),
        Duration.ofMinutes(2),
        clock);
  }

  private IndexUpkeep upkeep(RepositoryIndexes indexes, String name) {
    return new IndexUpkeep(
        issues,
        indexes,
        new ParkedIssues(database.jdbc(), clock),
        name,
        scheduler,
        Duration.ofMillis(100),
        clock);
  }

  /** Page 1: issues 1–100 (leaving {@code left} requests); page 2, since page 1: 101–150. */
  private void pages(int left) {
    List<Map<String, Object>> first = new ArrayList<>();
    for (int n = 1; n <= 100; n++) {
      first.add(issue(n));
    }
    List<Map<String, Object>> second = new ArrayList<>();
    for (int n = 101; n <= 150; n++) {
      second.add(issue(n));
    }
    github.stub(
        get(urlPathEqualTo(ISSUES)).withQueryParam("since", WireMock.absent()),
        FakeGitHub.ok(first)
            .withHeader("x-ratelimit-remaining", Integer.toString(left))
            .withHeader(
                "x-ratelimit-reset",
                Long.toString(clock.instant().plus(Duration.ofHours(1)).getEpochSecond())));
    github.stub(
        get(urlPathEqualTo(ISSUES)).withQueryParam("since", WireMock.matching(".+")),
        FakeGitHub.ok(second).withHeader("x-ratelimit-remaining", "4000"));
  }

  private static Map<String, Object> issue(int number) {
    Instant updated = T0.plusSeconds(number);
    Map<String, Object> issue = new LinkedHashMap<>();
    issue.put("number", number);
    issue.put("title", "Issue " + number + " about the widget cache");
    issue.put("body", "The widget cache fails to refresh (case " + number + ").");
    issue.put("state", "open");
    issue.put("state_reason", null);
    issue.put("labels", List.of());
    issue.put("author_association", "NONE");
    issue.put("created_at", updated.minusSeconds(3600).toString());
    issue.put("updated_at", updated.toString());
    return issue;
  }
}
