package dev.triagebot.bot.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.triagebot.bot.queue.MigratedDatabase;
import dev.triagebot.bot.queue.MutableClock;
import dev.triagebot.classifier.similar.IndexedIssue;
import dev.triagebot.classifier.similar.IssueIndex;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.health.contributor.Status;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * The similar-issue index follows the known issues ingress stores from {@code issues} deliveries.
 * Payloads are the opened fixture with only the fields each action changes set in code.
 */
class IndexUpkeepTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String REPO = "anthropics/claude-code";
  private static final int NUMBER = 61234;

  @TempDir Path dataDir;
  private final MigratedDatabase database = MigratedDatabase.h2();
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T10:05:00Z"));
  private final KnownIssues issues =
      new KnownIssues(database.jdbc(), database.transaction().getTransactionManager());
  private final ParkedIssues parked = new ParkedIssues(database.jdbc(), clock);
  private final ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
  private RepositoryIndexes indexes;
  private IndexUpkeep upkeep;
  private int minute;

  @BeforeEach
  void open() {
    scheduler.initialize();
    indexes = new RepositoryIndexes(dataDir);
    upkeep = upkeep(issues, indexes, IndexUpkeep.MAX_ATTEMPTS);
  }

  @AfterEach
  void close() {
    indexes.close();
    scheduler.shutdown();
    database.close();
  }

  @Test
  void everyIssueActionKeepsTheIndexCurrentEvenThoseTriageIgnores() throws Exception {
    deliver("opened", issue -> {});
    assertThat(indexed().title()).isEqualTo(fixtureTitle());

    deliver("edited", issue -> issue.put("title", "MCP server times out at startup"));
    assertThat(indexed().title()).isEqualTo("MCP server times out at startup");

    deliver(
        "labeled",
        issue ->
            issue.set("labels", JSON.valueToTree(List.of(java.util.Map.of("name", "area:mcp")))));
    assertThat(indexed().labels()).containsExactly("area:mcp");

    deliver("unlabeled", issue -> issue.set("labels", JSON.createArrayNode()));
    assertThat(indexed().labels()).isEmpty();

    deliver(
        "closed",
        issue -> {
          issue.put("state", "closed");
          issue.put("state_reason", "not_planned");
        });
    assertThat(indexed().state()).isEqualTo(IndexedIssue.State.CLOSED);
    assertThat(indexed().stateReason()).isEqualTo(IndexedIssue.StateReason.NOT_PLANNED);

    deliver(
        "reopened",
        issue -> {
          issue.put("state", "open");
          issue.put("state_reason", "reopened");
        });
    assertThat(indexed().isOpen()).isTrue();

    deliver("transferred", issue -> {});
    assertThat(index().find(NUMBER)).isEmpty();

    // a late delivery of an earlier state does not bring a transferred issue back
    store(REPO, "edited", issue -> {});
    assertThat(upkeep.applyPending()).isZero();
    assertThat(index().find(NUMBER)).isEmpty();
    assertThat(upkeep.backlog()).isZero();
  }

  @Test
  void aTargetLearnedByBackfillSurvivesLaterEventsOfTheDuplicateUntilItIsReopened()
      throws Exception {
    record(
        new IndexChange.Upsert(
            REPO,
            new IndexedIssue(
                NUMBER,
                "t",
                "b",
                IndexedIssue.State.CLOSED,
                IndexedIssue.StateReason.DUPLICATE,
                List.of(),
                "NONE",
                null,
                Instant.parse("2026-11-24T10:00:00Z"),
                60260)));

    deliver(
        "labeled",
        issue -> {
          issue.put("state", "closed");
          issue.put("state_reason", "duplicate");
        });
    assertThat(indexed().duplicateOf()).isEqualTo(60260);

    deliver(
        "reopened",
        issue -> {
          issue.put("state", "open");
          issue.put("state_reason", "reopened");
        });
    assertThat(indexed().duplicateOf()).isNull();
  }

  @Test
  void aMaintainersDuplicateOfCommentTeachesTheIndexTheTargetButAnyoneElsesDoesNot()
      throws Exception {
    deliver("opened", issue -> {});

    comment("Duplicate of #41", "NONE", "User");
    assertThat(indexed().duplicateOf()).isNull();

    comment("Duplicate of #60260", "MEMBER", "User");
    assertThat(indexed().duplicateOf()).isEqualTo(60260);

    // closing as duplicate keeps the learned target: the closed event names none
    deliver(
        "closed",
        issue -> {
          issue.put("state", "closed");
          issue.put("state_reason", "duplicate");
        });
    assertThat(indexed().duplicateOf()).isEqualTo(60260);
  }

  @Test
  void aDuplicateOfCommentByABotCountsWhicheverWayGitHubSpellsItsType() throws Exception {
    deliver("opened", issue -> {});

    comment("Duplicate of #60260", "NONE", "bot");

    assertThat(indexed().duplicateOf()).isEqualTo(60260);
  }

  @Test
  void anIndexedRepositoryRebuiltFromTheSameRecordsScoresTheSame() throws Exception {
    deliver("opened", issue -> {});
    deliver("edited", issue -> issue.put("body", "Startup times out after 30 seconds."));
    try (IssueIndex rebuilt = IssueIndex.inMemory()) {
      rebuilt.rebuild(List.of(indexed()));
      assertThat(rebuilt.find(NUMBER)).contains(indexed());
      assertThat(rebuilt.size()).isEqualTo(index().size());
    }
  }

  @Test
  void eachReplicaAppliesTheStoreForItselfAndAFreshOneRebuildsFromItWithoutGitHub(
      @TempDir Path otherDir, @TempDir Path freshDir) throws Exception {
    // given two replicas on one store, each with its own data dir
    try (RepositoryIndexes other = new RepositoryIndexes(otherDir)) {
      IndexUpkeep otherUpkeep = upkeep(issues, other, IndexUpkeep.MAX_ATTEMPTS);

      // when the first one applies a change, the other still gets it: applied is per replica
      deliver("opened", issue -> {});
      assertThat(other.forRepository(REPO).find(NUMBER)).isEmpty();
      assertThat(otherUpkeep.backlog()).isEqualTo(1);
      assertThat(otherUpkeep.applyPending()).isEqualTo(1);
      assertThat(other.forRepository(REPO).find(NUMBER)).contains(indexed());

      deliver("edited", issue -> issue.put("title", "edited once"));
      assertThat(otherUpkeep.applyPending()).isEqualTo(1);
      assertThat(other.forRepository(REPO).find(NUMBER).orElseThrow().title())
          .isEqualTo("edited once");
      long version = issues.version(REPO);
      assertThat(otherUpkeep.appliedVersion(REPO)).contains(version);
    }

    // and the high-water mark is in the index's own commit: reopened, nothing is applied again
    try (RepositoryIndexes reopened = new RepositoryIndexes(otherDir)) {
      IndexUpkeep again = upkeep(issues, reopened, IndexUpkeep.MAX_ATTEMPTS);
      assertThat(again.appliedVersion(REPO)).contains(issues.version(REPO));
      assertThat(again.applyPending()).isZero();
    }

    // and a replica with an empty data dir rebuilds from the store alone
    for (int n = 1; n <= 30; n++) {
      int number = NUMBER + n;
      store("octo-org/other-repo", "opened", issue -> issue.put("number", number));
    }
    try (RepositoryIndexes fresh = new RepositoryIndexes(freshDir)) {
      IndexUpkeep freshUpkeep = upkeep(issues, fresh, IndexUpkeep.MAX_ATTEMPTS);
      assertThat(freshUpkeep.backlog()).isEqualTo(31);
      assertThat(freshUpkeep.applyPending()).isEqualTo(31);
      assertThat(fresh.forRepository(REPO).find(NUMBER)).contains(indexed());
      assertThat(fresh.forRepository("octo-org/other-repo").size()).isEqualTo(30);
      assertThat(freshUpkeep.backlog()).isZero();
    }
  }

  @Test
  void aRowTheIndexCannotTakeHoldsBackOnlyItsRepositoryUntilItIsParkedForThisReplica()
      throws Exception {
    // given a store whose row for one issue the index cannot take
    int poisoned = NUMBER + 2;
    KnownIssues poisoning =
        new KnownIssues(database.jdbc(), database.transaction().getTransactionManager()) {
          @Override
          public List<Row> changed(String repository, long after, long upTo) {
            return super.changed(repository, after, upTo).stream()
                .map(
                    row ->
                        row.number() == poisoned
                            ? new Row(row.number(), null, false, row.version())
                            : row)
                .toList();
          }
        };
    upkeep = upkeep(poisoning, indexes, 3);
    index(); // an index that holds something is kept up incrementally, not rebuilt
    record(new IndexChange.Upsert(REPO, IndexedIssue.open(1, "seed", "seed", List.of())));
    upkeep.applyPending();
    store(REPO, "opened", issue -> issue.put("number", NUMBER + 1));
    store(REPO, "opened", issue -> issue.put("number", poisoned));
    store(REPO, "opened", issue -> issue.put("number", NUMBER + 3));
    store("octo-org/other-repo", "opened", issue -> {});

    // when the upkeep runs, every other repository goes on at once
    assertThat(upkeep.applyPending()).isEqualTo(1);
    assertThat(indexes.forRepository("octo-org/other-repo").find(NUMBER)).isPresent();
    assertThat(index().find(NUMBER + 3)).as("nothing overtakes the failing row").isEmpty();

    // and the failing repository rests, then tries again until the row is parked
    assertThat(upkeep.applyPending()).as("it rests after a failure").isZero();
    for (int attempt = 2; attempt <= 3; attempt++) {
      clock.advance(Duration.ofHours(1));
      upkeep.applyPending();
    }

    // then the rest of its changes are applied and the row is parked for this replica only
    assertThat(index().find(NUMBER + 1)).isPresent();
    assertThat(index().find(NUMBER + 3)).isPresent();
    assertThat(index().find(poisoned)).isEmpty();
    assertThat(upkeep.backlog()).isZero();
    assertThat(parked.of(upkeep.replica()))
        .singleElement()
        .satisfies(
            row -> {
              assertThat(row.repository()).isEqualTo(REPO);
              assertThat(row.number()).isEqualTo(poisoned);
              assertThat(row.attempts()).isEqualTo(3);
              assertThat(row.error()).contains("null");
            });
    assertThat(parked.of("another-replica")).isEmpty();
  }

  @Test
  void healthIsUpWhileRoundsAreScheduledAndDownOnceAnErrorEndedOne() {
    IndexUpkeepHealth health = new IndexUpkeepHealth(upkeep, parked);
    upkeep.start();
    try {
      assertThat(health.health().getStatus()).isEqualTo(Status.UP);
      assertThat(health.health().getDetails()).containsEntry("replica", "replica-under-test");
    } finally {
      upkeep.stop();
    }
    assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);

    KnownIssues broken =
        new KnownIssues(database.jdbc(), database.transaction().getTransactionManager()) {
          @Override
          public List<String> repositories() {
            throw new StackOverflowError("simulated");
          }
        };
    IndexUpkeep dying = upkeep(broken, indexes, IndexUpkeep.MAX_ATTEMPTS);
    dying.start();
    try {
      // The error is the point here: Awaitility must not fail on it.
      await()
          .dontCatchUncaughtExceptions()
          .atMost(Duration.ofSeconds(5))
          .until(() -> !dying.alive());
    } finally {
      dying.stop();
    }
  }

  @Test
  void whileIngressIsBusyRoundsApplyOneCommitAtATimeAndStillCatchUp() throws Exception {
    store(REPO, "opened", issue -> issue.put("number", 1));
    upkeep.applyPending(); // builds the index
    for (int n = 2; n <= 451; n++) {
      int number = n;
      store(REPO, "opened", issue -> issue.put("number", number));
    }
    // A slice is one commit: 200 versions, each of these a row.
    assertThat(upkeep.applyPending(1)).isEqualTo(200);
    assertThat(index().size()).isEqualTo(201);

    upkeep.holdWhile(() -> true);
    upkeep.start();
    upkeep.signal();
    // The other 250 follow in two slices a step (1 s) apart, though ingress stays busy.
    await()
        .atMost(Duration.ofSeconds(5))
        .pollInterval(Duration.ofMillis(10))
        .until(() -> index().size() == 401);
    long firstSlice = System.nanoTime();
    await()
        .atMost(Duration.ofSeconds(5))
        .pollInterval(Duration.ofMillis(10))
        .until(() -> index().size() == 451);
    assertThat(Duration.ofNanos(System.nanoTime() - firstSlice))
        .as("the next slice waits its step")
        .isGreaterThan(Duration.ofMillis(800));
    assertThat(upkeep.backlog()).isZero();
  }

  @Test
  void aBurstsRowsAreMergedIntoOneSegmentOnlyOnceIngressIsQuiet() throws Exception {
    AtomicBoolean busy = new AtomicBoolean(true);
    IndexUpkeep merging = upkeep(issues, indexes, IndexUpkeep.MAX_ATTEMPTS, 3).holdWhile(busy::get);
    for (int n = 1; n <= 4; n++) {
      int number = n;
      store(REPO, "opened", issue -> issue.put("number", number));
      // A commit, so a segment, per row; the first builds the index, the next three are applied.
      merging.applyPending();
    }
    assertThat(index().size()).isEqualTo(4);
    assertThat(index().segments()).as("not merged during the burst").isGreaterThan(1);

    busy.set(false);
    assertThat(merging.applyPending()).isZero();
    assertThat(index().segments()).as("merged at the first round after it").isEqualTo(1);
    assertThat(index().size()).isEqualTo(4);
  }

  @Test
  void stoppingWaitsForTheRoundInProgressInsteadOfInterruptingIt() throws Exception {
    for (int n = 1; n <= 50; n++) {
      int number = n;
      store(REPO, "opened", issue -> issue.put("number", number));
    }
    upkeep.start();
    upkeep.signal();
    upkeep.stop();
    assertThat(upkeep.isRunning()).isFalse();

    // whatever the round reached is committed whole: the index opens and agrees with its mark
    indexes.close();
    indexes = new RepositoryIndexes(dataDir);
    IndexUpkeep restarted = upkeep(issues, indexes, IndexUpkeep.MAX_ATTEMPTS);
    restarted.applyPending();
    assertThat(index().size()).isEqualTo(50);
    assertThat(restarted.appliedVersion(REPO)).contains(issues.version(REPO));
  }

  private IndexUpkeep upkeep(KnownIssues store, RepositoryIndexes on, int maxAttempts) {
    return upkeep(store, on, maxAttempts, 5_000);
  }

  private IndexUpkeep upkeep(
      KnownIssues store, RepositoryIndexes on, int maxAttempts, int compactAfter) {
    return new IndexUpkeep(
        store,
        on,
        parked,
        "replica-under-test",
        scheduler,
        Duration.ofMillis(50),
        clock,
        maxAttempts,
        compactAfter);
  }

  private interface Edit {
    void apply(ObjectNode issue);
  }

  /** Stores an issue change as ingress does, and lets the upkeep apply it. */
  private void deliver(String action, Edit edit) throws Exception {
    assertThat(IndexChange.of("issues", store(REPO, action, edit))).as(action).isPresent();
    assertThat(upkeep.applyPending()).isEqualTo(1);
  }

  /** Records the change an {@code issues} delivery of this repository makes, as ingress does. */
  private byte[] store(String repository, String action, Edit edit) throws Exception {
    ObjectNode payload = fixture();
    payload.put("action", action);
    ((ObjectNode) payload.get("repository")).put("full_name", repository);
    ObjectNode issue = (ObjectNode) payload.get("issue");
    // Each event is newer than the one before, as GitHub's updated_at would be.
    issue.put(
        "updated_at", Instant.parse("2026-11-24T10:02:11Z").plusSeconds(60L * ++minute).toString());
    edit.apply(issue);
    byte[] body = JSON.writeValueAsBytes(payload);
    IndexChange.of("issues", body).ifPresent(this::record);
    return body;
  }

  /** Records a change in a transaction of its own, as ingress's storing transaction does. */
  private void record(IndexChange change) {
    database.transaction().executeWithoutResult(status -> issues.record(change));
  }

  /** An issue_comment delivery on the issue, as ingress records it. */
  private void comment(String text, String association, String userType) throws Exception {
    ObjectNode payload = fixture();
    payload.put("action", "created");
    // A new comment makes the issue newer, as GitHub's updated_at shows.
    ((ObjectNode) payload.get("issue"))
        .put(
            "updated_at",
            Instant.parse("2026-11-24T10:02:11Z").plusSeconds(60L * ++minute).toString());
    ObjectNode comment = payload.putObject("comment");
    comment.put("id", 9000 + minute);
    comment.put("body", text);
    comment.put("author_association", association);
    comment.putObject("user").put("login", "someone").put("type", userType);
    byte[] body = JSON.writeValueAsBytes(payload);
    if (IndexChange.of("issue_comment", body).isPresent()) {
      record(IndexChange.of("issue_comment", body).orElseThrow());
      assertThat(upkeep.applyPending()).isEqualTo(1);
    }
  }

  private IssueIndex index() {
    return indexes.forRepository(REPO);
  }

  private IndexedIssue indexed() {
    return index().find(NUMBER).orElseThrow();
  }

  private static ObjectNode fixture() throws Exception {
    try (InputStream in =
        IndexUpkeepTest.class.getResourceAsStream(
            "/webhooks/issues-opened-mcp-startup-timeout.json")) {
      return (ObjectNode) JSON.readTree(in);
    }
  }

  private static String fixtureTitle() throws Exception {
    return fixture().get("issue").get("title").asText();
  }
}
