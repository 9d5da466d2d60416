package dev.triagebot.bot.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.triagebot.bot.TriageBotApplication;
import dev.triagebot.bot.github.FakeGitHub;
import dev.triagebot.bot.github.StatefulGitHub;
import dev.triagebot.bot.webhook.WebhookSignature;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service as a child process, killed with {@code kill -9}, then started again on the same
 * embedded store: a job in progress comes back after its short lease and the issue is commented
 * exactly once, and deliveries answered a moment before the kill are all there. Started with the
 * test classpath, so it runs before the jar is packaged.
 */
class KilledProcessTest {
  static final String SECRET = "kill-test-secret";
  static final String TOKEN = "ghp_kill_test";
  static final String REPO = "anthropics/claude-code";
  static final int ISSUE = 61234;
  static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @TempDir Path data;
  StatefulGitHub github;
  Process process;
  int port;

  @BeforeEach
  void fakeGitHub() {
    github = new StatefulGitHub(1, "area:mcp", "area:auth");
    github.acceptToken(TOKEN);
  }

  @AfterEach
  void stop() {
    if (process != null) {
      process.destroyForcibly();
    }
    github.close();
  }

  @Test
  void aJobWhoseProcessWasKilledMidWayIsCommentedExactlyOnceAfterARestart() throws Exception {
    // given a running service and a GitHub that answers slowly
    start();
    github.slow(Duration.ofMillis(1500));

    // when an issue arrives and the process is killed while its job talks to GitHub
    byte[] payload = Files.readAllBytes(Path.of("../examples/issues-opened-mcp-oauth.json"));
    HttpResponse<String> accepted = deliver(payload);
    assertThat(accepted.statusCode()).isEqualTo(202);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> github.requests().stream().anyMatch(r -> r.contains("/repos/" + REPO)));
    process.destroyForcibly().waitFor();
    long started = System.nanoTime();

    // and the service is started again on the same store, with GitHub fast again
    github.slow(Duration.ZERO);
    start();

    // then the job is taken up after its lease and the issue commented once
    await().atMost(Duration.ofSeconds(30)).until(() -> !github.comments(REPO, ISSUE).isEmpty());
    System.out.printf(
        "kill -9: the issue was commented %d ms after the kill (restart included)%n",
        (System.nanoTime() - started) / 1_000_000);
    Thread.sleep(3000); // a lease and more: a second comment would have come by now
    assertThat(github.comments(REPO, ISSUE))
        .hasSize(1)
        .allMatch(comment -> comment.author().equals(FakeGitHub.BOT_LOGIN));
    assertThat(health()).contains("\"githubCircuitBreaker\"").contains("\"state\":\"CLOSED\"");
  }

  @Test
  void deliveriesAnsweredRightBeforeAKillAreStillThereAfterARestart() throws Exception {
    // given a running service whose jobs wait on a slow GitHub
    start();
    github.slow(Duration.ofSeconds(5));

    // when deliveries are answered 202 and the process is killed right after the last answer,
    // sooner than the embedded store writes commits by itself
    byte[] payload = Files.readAllBytes(Path.of("../examples/issues-opened-mcp-oauth.json"));
    int answered = 0;
    for (int i = 0; i < 10; i++) {
      if (deliver(payload).statusCode() == 202) {
        answered++;
      }
    }
    process.destroyForcibly().waitFor();
    assertThat(answered).isEqualTo(10);

    // then it starts again on the same store, which has a job for every one of them
    start();
    process.destroyForcibly().waitFor();
    assertThat(storedJobs()).isEqualTo(answered);
  }

  /**
   * Jobs of every status, counted in the store's file once no process holds it (the health endpoint
   * counts only unfinished ones, and a job may finish meanwhile).
   */
  private int storedJobs() throws SQLException {
    String url = "jdbc:h2:file:" + data.toAbsolutePath().resolve("triage") + ";AUTO_SERVER=FALSE";
    try (Connection store = DriverManager.getConnection(url, "sa", "");
        ResultSet count = store.createStatement().executeQuery("SELECT COUNT(*) FROM triage_job")) {
      assertThat(count.next()).isTrue();
      return count.getInt(1);
    }
  }

  private void start() throws Exception {
    port = freePort();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx256m");
    command.add("-XX:+ExitOnOutOfMemoryError");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(TriageBotApplication.class.getName());
    command.add("--server.port=" + port);
    command.add("--triage.data-dir=" + data);
    command.add("--triage.mode=suggest");
    command.add("--triage.github.webhook-secret=" + SECRET);
    command.add("--triage.github.token=" + TOKEN);
    command.add("--triage.github.api-url=" + github.apiUrl());
    command.add("--triage.review.reaction-polling=false");
    command.add("--triage.queue.lease-timeout=3s");
    command.add("--triage.queue.heartbeat-interval=1s");
    command.add("--triage.queue.poll-interval=100ms");
    File log = data.resolve("service-" + port + ".log").toFile();
    process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(log)
            .directory(data.toFile())
            .start();
    try {
      await()
          .atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofMillis(250))
          .ignoreExceptions()
          .until(() -> health().contains("\"status\":\"UP\""));
    } catch (RuntimeException notUp) {
      throw new AssertionError("the service did not come up:\n" + Files.readString(log.toPath()));
    }
  }

  private String health() throws IOException, InterruptedException {
    return HTTP.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                .timeout(Duration.ofSeconds(2))
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  private HttpResponse<String> deliver(byte[] payload) throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/github/webhook"))
            .header("Content-Type", "application/json")
            .header("X-GitHub-Event", "issues")
            .header("X-GitHub-Delivery", UUID.randomUUID().toString())
            .header(
                "X-Hub-Signature-256",
                new WebhookSignature(SECRET.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                    .sign(payload))
            .POST(HttpRequest.BodyPublishers.ofByteArray(payload))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
