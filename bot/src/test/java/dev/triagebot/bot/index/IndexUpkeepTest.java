package dev.triagebot.bot.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.triagebot.bot.queue.DeliveryLog;
import dev.triagebot.bot.queue.MigratedDatabase;
import dev.triagebot.bot.queue.MutableClock;
import dev.triagebot.bot.queue.StoredDelivery;
import dev.triagebot.classifier.similar.IndexedIssue;
import dev.triagebot.classifier.similar.IssueIndex;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.health.contributor.Status;

/**
 * The similar-issue index follows {@code issues} deliveries as ingress stores them. Payloads are
 * the opened fixture with only the fields each action changes set in code.
 */
class IndexUpkeepTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String REPO = "anthropics/claude-code";
  private static final int NUMBER = 61234;

  @TempDir Path dataDir;
  private final MigratedDatabase database = MigratedDatabase.h2();
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T10:05:00Z"));
  private final DeliveryLog deliveries = new DeliveryLog(database.jdbc());
  private final IndexChangeLog changes = new IndexChangeLog(database.jdbc(), clock);
  private RepositoryIndexes indexes;
  private IndexUpkeep upkeep;
  private int minute;

  @BeforeEach
  void open() {
    indexes = new RepositoryIndexes(dataDir);
    upkeep = new IndexUpkeep(changes, indexes, Duration.ofMillis(50), clock);
  }

  @AfterEach
  void close() {
    indexes.close();
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

    deliver("opened", issue -> {});
    deliver("deleted", issue -> {});
    assertThat(index().find(NUMBER)).isEmpty();
    assertThat(changes.backlog()).isZero();
  }

  @Test
  void aTargetLearnedByBackfillSurvivesLaterEventsOfTheDuplicateUntilItIsReopened()
      throws Exception {
    index()
        .upsert(
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
                60260));

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
  void aPoisonedChangeIsParkedWithItsReasonAndBlocksNoOtherRepository() throws Exception {
    upkeep = new IndexUpkeep(changes, indexes, Duration.ofMillis(50), clock, 3);
    store("../../app/x", "opened", issue -> {});
    for (int i = 0; i < 5; i++) {
      store(REPO, "opened", issue -> issue.put("number", NUMBER + 1));
      store("octo-org/other-repo", "opened", issue -> {});
    }

    assertThat(upkeep.applyPending()).as("every other repository goes on at once").isEqualTo(10);
    assertThat(index().find(NUMBER + 1)).isPresent();
    assertThat(indexes.forRepository("octo-org/other-repo").find(NUMBER)).isPresent();
    assertThat(changes.backlog()).isEqualTo(1);

    for (int attempt = 2; attempt <= 3; attempt++) {
      clock.advance(Duration.ofHours(1));
      upkeep.applyPending();
    }

    assertThat(changes.backlog()).isZero();
    assertThat(changes.parked())
        .singleElement()
        .satisfies(
            parked -> {
              assertThat(parked.repository()).isEqualTo("../../app/x");
              assertThat(parked.attempts()).isEqualTo(3);
              assertThat(parked.error()).contains("not a repository name");
            });
  }

  @Test
  void aFailingChangeHoldsBackOnlyTheLaterChangesOfItsOwnRepositoryUntilItIsParked()
      throws Exception {
    upkeep = new IndexUpkeep(changes, indexes, Duration.ofMillis(50), clock, 2);
    store(REPO, "closed", issue -> issue.put("state_reason", "no-such-reason"));
    store(REPO, "opened", issue -> issue.put("title", "later"));
    store("octo-org/other-repo", "opened", issue -> {});

    assertThat(upkeep.applyPending()).isEqualTo(1);
    assertThat(index().find(NUMBER)).as("it must not overtake the failed change").isEmpty();
    assertThat(indexes.forRepository("octo-org/other-repo").find(NUMBER)).isPresent();

    assertThat(upkeep.applyPending()).as("the repository rests after a failure").isZero();

    clock.advance(Duration.ofHours(1));
    assertThat(upkeep.applyPending()).isEqualTo(1);
    assertThat(indexed().title()).isEqualTo("later");
    assertThat(changes.parked())
        .singleElement()
        .satisfies(p -> assertThat(p.error()).contains("state"));
  }

  @Test
  void healthIsUpWhileTheUpkeepThreadRunsAndDownOnceAnErrorHasKilledIt() {
    IndexUpkeepHealth health = new IndexUpkeepHealth(upkeep, changes);
    upkeep.start();
    try {
      assertThat(health.health().getStatus()).isEqualTo(Status.UP);
    } finally {
      upkeep.stop();
    }

    IndexChangeLog broken =
        new IndexChangeLog(database.jdbc(), clock) {
          @Override
          public List<Pending> pending(long afterId, int limit) {
            throw new StackOverflowError("simulated");
          }
        };
    IndexUpkeep dying = new IndexUpkeep(broken, indexes, Duration.ofMillis(50), clock);
    IndexUpkeepHealth dyingHealth = new IndexUpkeepHealth(dying, changes);
    dying.start();
    try {
      // The error is the point here: Awaitility must not fail on it.
      await()
          .dontCatchUncaughtExceptions()
          .atMost(Duration.ofSeconds(5))
          .until(() -> dyingHealth.health().getStatus().equals(Status.DOWN));
    } finally {
      dying.stop();
    }
  }

  private interface Edit {
    void apply(ObjectNode issue);
  }

  /** Stores a delivery as ingress does, records its change, and lets the upkeep apply it. */
  private void deliver(String action, Edit edit) throws Exception {
    assertThat(IndexChange.of("issues", store(REPO, action, edit))).as(action).isPresent();
    assertThat(upkeep.applyPending()).isEqualTo(1);
  }

  /** Stores a delivery of this repository and records its change, as ingress did before checks. */
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
    String id = UUID.randomUUID().toString();
    deliveries.insert(
        new StoredDelivery(id, "issues", action, 1L, repository, body, clock.instant()));
    changes.record(id);
    return body;
  }

  /** An issue_comment delivery on the issue, as ingress stores it. */
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
    String id = UUID.randomUUID().toString();
    deliveries.insert(
        new StoredDelivery(id, "issue_comment", "created", 1L, REPO, body, clock.instant()));
    if (IndexChange.of("issue_comment", body).isPresent()) {
      changes.record(id);
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
