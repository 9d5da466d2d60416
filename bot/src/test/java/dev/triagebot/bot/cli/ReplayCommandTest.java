package dev.triagebot.bot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.triagebot.bot.webhook.WebhookHeaders;
import dev.triagebot.bot.webhook.WebhookSignature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code replay} against a small HTTP server on loopback that records what it receives. */
class ReplayCommandTest {
  private static final String SECRET = "replay-test-secret";

  @TempDir Path dir;
  private HttpServer server;
  private final Map<String, String> received = new ConcurrentHashMap<>();
  private volatile byte[] receivedBody;
  private volatile int answerStatus = 202;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/github/webhook",
        exchange -> {
          for (String header :
              List.of(WebhookHeaders.EVENT, WebhookHeaders.DELIVERY, WebhookHeaders.SIGNATURE)) {
            received.put(header, exchange.getRequestHeaders().getFirst(header));
          }
          receivedBody = exchange.getRequestBody().readAllBytes();
          byte[] answer = "{\"status\":\"answered\"}".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(answerStatus, answer.length);
          exchange.getResponseBody().write(answer);
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  private String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/github/webhook";
  }

  private int replay(String... arguments) {
    String[] command = new String[arguments.length + 1];
    command[0] = "replay";
    System.arraycopy(arguments, 0, command, 1, arguments.length);
    return TriageBotCommand.run(
        command,
        System.in,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void postsTheFileSignedWithTheSecretAndPrintsTheAnswer() throws IOException {
    Path payload = Files.writeString(dir.resolve("issue.json"), "{\"action\":\"opened\"}");

    int exit =
        replay(
            "--payload",
            payload.toString(),
            "--event",
            "issues",
            "--url",
            url(),
            "--secret",
            SECRET,
            "--delivery",
            "delivery-42");

    assertThat(exit).isZero();
    assertThat(receivedBody).isEqualTo(Files.readAllBytes(payload));
    assertThat(received)
        .containsEntry(WebhookHeaders.EVENT, "issues")
        .containsEntry(WebhookHeaders.DELIVERY, "delivery-42");
    WebhookSignature signature = new WebhookSignature(SECRET.getBytes(StandardCharsets.UTF_8));
    assertThat(signature.verify(receivedBody, received.get(WebhookHeaders.SIGNATURE)))
        .isEqualTo(WebhookSignature.Verdict.VALID);
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("HTTP 202")
        .contains("{\"status\":\"answered\"}");
  }

  @Test
  void makesUpANewDeliveryIdForEachReplayUnlessGivenOne() throws IOException {
    Path payload = Files.writeString(dir.resolve("issue.json"), "{}");

    replay(
        "--payload", payload.toString(), "--event", "issues", "--url", url(), "--secret", SECRET);
    String first = received.get(WebhookHeaders.DELIVERY);
    replay(
        "--payload", payload.toString(), "--event", "issues", "--url", url(), "--secret", SECRET);

    assertThat(UUID.fromString(first)).isNotNull();
    assertThat(received.get(WebhookHeaders.DELIVERY)).isNotEqualTo(first);
  }

  @Test
  void exitsNonZeroWhenTheServiceRefuses() throws IOException {
    Path payload = Files.writeString(dir.resolve("issue.json"), "{}");
    answerStatus = 401;

    int exit =
        replay(
            "--payload", payload.toString(), "--event", "issues", "--url", url(), "--secret", "x");

    assertThat(exit).isEqualTo(1);
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("HTTP 401");
  }

  @Test
  void saysSoWhenThePayloadFileIsMissing() throws IOException {
    int exit =
        replay(
            "--payload",
            dir.resolve("absent.json").toString(),
            "--event",
            "issues",
            "--url",
            url(),
            "--secret",
            SECRET);

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("no such payload file");
    assertThat(receivedBody).isNull();
  }
}
