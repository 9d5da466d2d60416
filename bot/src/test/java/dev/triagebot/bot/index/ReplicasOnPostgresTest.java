package dev.triagebot.bot.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.triagebot.bot.TriageBotApplication;
import dev.triagebot.bot.github.FakeGitHub;
import dev.triagebot.bot.github.StatefulGitHub;
import dev.triagebot.bot.queue.MigratedDatabase;
import dev.triagebot.bot.webhook.WebhookSignature;
import dev.triagebot.classifier.similar.IssueQuery;
import dev.triagebot.classifier.similar.SimilarIssue;
import dev.triagebot.classifier.similar.SimilarIssueSearch;
import dev.triagebot.classifier.text.IssueText;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two replicas of the service on one PostgreSQL schema, each an application context with its own
 * data dir, behind a "load balancer" that alternates between them; one replica is stopped mid-run
 * and started again on the same data dir, and a third replica joins with an empty one. Runs when
 * {@code TRIAGE_TEST_POSTGRES_URL} is set (CI sets it) and skips loudly otherwise.
 *
 * <p>Then: every matching issue has exactly one bot comment and its labels, every job is done once
 * (none lost, none parked, none carried out twice), both replicas' indexes answer the same top 3
 * for probe queries, and the third replica's index, rebuilt from the store alone without calling
 * GitHub, answers the same.
 */
class ReplicasOnPostgresTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SECRET = "replicas-secret";
  private static final String TOKEN = "ghp_replicas";
  private static final String REPO = "anthropics/claude-code";
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private static final int MATCHING = 10;
  private static final int OTHER = 10;
  private static final List<String> PROBES =
      List.of(
          "MCP server still needs authentication after the OAuth sign-in",
          "dark mode theme ignores the system setting",
          "the terminal bell rings twice on every prompt");

  @TempDir Path replicaA;
  @TempDir Path replicaB;
  @TempDir Path replicaC;

  private final List<ConfigurableApplicationContext> running = new ArrayList<>();
  private MigratedDatabase database;
  private StatefulGitHub github;

  @AfterEach
  void stopEverything() {
    for (ConfigurableApplicationContext context : running) {
      context.close();
    }
    if (github != null) {
      github.close();
    }
    if (database != null) {
      database.close();
    }
  }

  @Test
  void twoReplicasOnePostgresOneStoppedMidRunAndAThirdFreshOneAllAgree() throws Exception {
    // given one store, a GitHub that answers a little slowly, and two replicas
    database = MigratedDatabase.postgres("replicas");
    github = new StatefulGitHub(1, "area:mcp", "area:auth");
    github.acceptToken(TOKEN);
    github.slow(Duration.ofMillis(150));
    ConfigurableApplicationContext a = start(replicaA);
    ConfigurableApplicationContext b = start(replicaB);
    List<byte[]> deliveries = deliveries();

    // when the first half of the deliveries is spread over both replicas
    int half = deliveries.size() / 2;
    int queued = 0;
    for (int i = 0; i < half; i++) {
      queued += accepted(deliver(i % 2 == 0 ? a : b, deliveries.get(i)));
    }
    // and replica A is stopped while jobs are in flight; B alone takes the next quarter
    a.close();
    running.remove(a);
    int threeQuarters = half + deliveries.size() / 4;
    for (int i = half; i < threeQuarters; i++) {
      queued += accepted(deliver(b, deliveries.get(i)));
    }
    // and A comes back on the same data dir, and the rest is spread over both again
    a = start(replicaA);
    for (int i = threeQuarters; i < deliveries.size(); i++) {
      queued += accepted(deliver(i % 2 == 0 ? a : b, deliveries.get(i)));
    }

    // then every job is done, none parked
    await()
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> jobs("status <> 'done'") == 0);
    assertThat(jobs("1 = 1")).as("one job per queued delivery, none lost").isEqualTo(queued);
    assertThat(
            database
                .jdbc()
                .queryForObject(
                    "SELECT COUNT(*) FROM (SELECT delivery_id FROM triage_audit"
                        + " WHERE outcome = 'DONE' GROUP BY delivery_id HAVING COUNT(*) > 1) twice",
                    Integer.class))
        .as("no delivery carried out twice")
        .isZero();

    // and every matching issue has exactly one comment, by the bot, and its labels
    for (int n = 1; n <= MATCHING; n++) {
      int number = matchingNumber(n);
      assertThat(github.comments(REPO, number))
          .as("comments on #%d", number)
          .singleElement()
          .satisfies(comment -> assertThat(comment.author()).isEqualTo(FakeGitHub.BOT_LOGIN));
      assertThat(github.labels(REPO, number))
          .as("labels of #%d", number)
          .containsExactlyInAnyOrder("area:auth", "area:mcp");
    }
    for (int n = 1; n <= OTHER; n++) {
      assertThat(github.comments(REPO, otherNumber(n))).isEmpty();
    }

    // and both replicas' indexes hold the store's version and answer with the same top 3
    long version =
        new KnownIssues(database.jdbc(), database.transaction().getTransactionManager())
            .version(REPO);
    awaitCaughtUp(a, version);
    awaitCaughtUp(b, version);
    List<List<Integer>> answersOfA = top3(a);
    assertThat(answersOfA).allSatisfy(top -> assertThat(top).hasSize(3));
    assertThat(sets(top3(b))).isEqualTo(sets(answersOfA));
    assertThat(answersOfA.get(0))
        .as("the OAuth probe finds OAuth reports")
        .allMatch(number -> number >= matchingNumber(1) && number <= matchingNumber(MATCHING));

    // and a third replica with an empty data dir converges from the store, without GitHub
    int requestsBefore = github.requests().size();
    ConfigurableApplicationContext c = start(replicaC);
    awaitCaughtUp(c, version);
    assertThat(sets(top3(c))).isEqualTo(sets(answersOfA));
    assertThat(github.requests().subList(requestsBefore, github.requests().size()))
        .as("the third replica asked GitHub for no issue")
        .noneMatch(request -> request.contains("/issues"));

    // and once compacted (deleted documents no longer count in the statistics), the three
    // indexes score alike: the same top 3 in the same order
    for (ConfigurableApplicationContext replica : List.of(a, b, c)) {
      replica.getBean(RepositoryIndexes.class).forRepository(REPO).compact();
    }
    List<List<Integer>> compacted = top3(a);
    assertThat(top3(b)).isEqualTo(compacted);
    assertThat(top3(c)).isEqualTo(compacted);
  }

  /**
   * Each probe's top 3 as a set. Until merged away, the documents an index replaced still count in
   * its term statistics, so replicas with different histories may order two near-equal scores
   * differently; which three they find does not change.
   */
  private static List<java.util.Set<Integer>> sets(List<List<Integer>> answers) {
    return answers.stream().map(java.util.Set::copyOf).toList();
  }

  private ConfigurableApplicationContext start(Path dataDir) {
    ConfigurableApplicationContext context =
        new SpringApplicationBuilder(TriageBotApplication.class)
            .web(WebApplicationType.SERVLET)
            .run(
                "--server.port=0",
                "--spring.datasource.url=" + database.jdbcUrl(),
                "--triage.data-dir=" + dataDir,
                "--triage.mode=apply",
                "--triage.github.webhook-secret=" + SECRET,
                "--triage.github.token=" + TOKEN,
                "--triage.github.api-url=" + github.apiUrl(),
                "--triage.review.reaction-polling=false",
                "--triage.queue.lease-timeout=3s",
                "--triage.queue.heartbeat-interval=1s",
                "--triage.queue.poll-interval=100ms");
    running.add(context);
    return context;
  }

  /**
   * Each matching issue opened, then edited; each other issue opened, labelled, then closed. In
   * that order per issue, interleaved across issues.
   */
  private static List<byte[]> deliveries() throws Exception {
    List<byte[]> deliveries = new ArrayList<>();
    for (int step = 0; step < 3; step++) {
      for (int n = 1; n <= MATCHING; n++) {
        if (step < 2) {
          deliveries.add(matching(n, step == 0 ? "opened" : "edited", step));
        }
      }
      for (int n = 1; n <= OTHER; n++) {
        deliveries.add(other(n, List.of("opened", "labeled", "closed").get(step), step));
      }
    }
    return deliveries;
  }

  private static byte[] matching(int n, String action, int step) throws Exception {
    ObjectNode payload = fixture();
    payload.put("action", action);
    ObjectNode issue = (ObjectNode) payload.get("issue");
    issue.put("number", matchingNumber(n));
    issue.put("updated_at", Instant.parse("2026-11-24T10:00:00Z").plusSeconds(step).toString());
    // Each report repeats its point a different number of times, so that no two score alike and
    // the top 3 has one order whatever order the documents were indexed in.
    String emphasis = " Still needs authentication.".repeat(n);
    issue.put(
        "body",
        issue.get("body").asText() + emphasis + (step > 0 ? "\n\nStill after a restart." : ""));
    return JSON.writeValueAsBytes(payload);
  }

  private static byte[] other(int n, String action, int step) throws Exception {
    ObjectNode payload = fixture();
    payload.put("action", action);
    ObjectNode issue = (ObjectNode) payload.get("issue");
    issue.put("number", otherNumber(n));
    issue.put(
        "title",
        n % 2 == 0
            ? "Dark mode theme ignores the system setting (" + n + ")"
            : "The terminal bell rings twice on every prompt (" + n + ")");
    issue.put(
        "body",
        n % 2 == 0
            ? "Switching the system theme to dark leaves the app light until restart."
                + " Dark theme.".repeat(n)
            : "Each prompt rings the terminal bell twice; once would do." + " Bell.".repeat(n));
    issue.put("updated_at", Instant.parse("2026-11-24T10:00:00Z").plusSeconds(step).toString());
    if (step >= 1) {
      issue.set("labels", JSON.valueToTree(List.of(Map.of("name", "area:tui"))));
      payload.set("label", JSON.valueToTree(Map.of("name", "area:tui")));
    }
    if (step == 2) {
      issue.put("state", "closed");
      issue.put("state_reason", "completed");
    }
    return JSON.writeValueAsBytes(payload);
  }

  private static int matchingNumber(int n) {
    return 70_000 + n;
  }

  private static int otherNumber(int n) {
    return 80_000 + n;
  }

  private static ObjectNode fixture() throws Exception {
    return (ObjectNode)
        JSON.readTree(Files.readAllBytes(Path.of("../examples/issues-opened-mcp-oauth.json")));
  }

  private HttpResponse<String> deliver(ConfigurableApplicationContext replica, byte[] payload)
      throws Exception {
    String port = replica.getEnvironment().getProperty("local.server.port");
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/github/webhook"))
            .header("Content-Type", "application/json")
            .header("X-GitHub-Event", "issues")
            .header("X-GitHub-Delivery", UUID.randomUUID().toString())
            .header(
                "X-Hub-Signature-256",
                new WebhookSignature(SECRET.getBytes(StandardCharsets.UTF_8)).sign(payload))
            .POST(HttpRequest.BodyPublishers.ofByteArray(payload))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** 1 when the delivery was queued as a job (202), 0 when only recorded (200). */
  private static int accepted(HttpResponse<String> answer) {
    assertThat(answer.statusCode()).as(answer.body()).isIn(200, 202);
    return answer.statusCode() == 202 ? 1 : 0;
  }

  private int jobs(String condition) {
    return database
        .jdbc()
        .queryForObject("SELECT COUNT(*) FROM triage_job WHERE " + condition, Integer.class);
  }

  private static void awaitCaughtUp(ConfigurableApplicationContext replica, long version) {
    IndexUpkeep upkeep = replica.getBean(IndexUpkeep.class);
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> upkeep.appliedVersion(REPO).orElse(0L) >= version && upkeep.backlog() == 0);
  }

  /** The top 3 issue numbers for each probe, from this replica's index. */
  private static List<List<Integer>> top3(ConfigurableApplicationContext replica) {
    SimilarIssueSearch search =
        new SimilarIssueSearch(replica.getBean(RepositoryIndexes.class).forRepository(REPO));
    return PROBES.stream()
        .map(
            probe ->
                search.find(IssueQuery.unnumbered(new IssueText(probe, probe)), 3).stream()
                    .map(SimilarIssue::issue)
                    .map(issue -> issue.number())
                    .toList())
        .toList();
  }
}
