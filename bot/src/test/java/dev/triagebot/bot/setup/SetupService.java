package dev.triagebot.bot.setup;

import dev.triagebot.bot.TriageBotApplication;
import dev.triagebot.bot.webhook.WebhookSignature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The service as an operator starts it, without GitHub credentials, on a fixed port (it must keep
 * it across the reload setup triggers) with its own data dir, a fake GitHub API and a fake GitHub
 * web. Not a Spring test context: the reload closes the context and starts a new one, which this
 * follows.
 */
final class SetupService implements AutoCloseable {
  private final BlockingQueue<ConfigurableApplicationContext> started = new LinkedBlockingQueue<>();
  private final int port = freePort();
  private volatile ConfigurableApplicationContext current;

  SetupService(Path dataDir, URI apiUrl, URI githubUrl) {
    new SpringApplicationBuilder(TriageBotApplication.class)
        .web(WebApplicationType.SERVLET)
        .listeners(
            event -> {
              if (event instanceof ApplicationStartedEvent start) {
                current = start.getApplicationContext();
                started.add(start.getApplicationContext());
              }
            })
        .run(
            "--server.port=" + port,
            "--server.address=127.0.0.1",
            "--triage.data-dir=" + dataDir,
            "--triage.github.api-url=" + apiUrl,
            "--triage.setup.github-url=" + githubUrl,
            "--triage.review.reaction-polling=false");
    started.poll();
  }

  URI url(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  /** Waits until the service has started again, as setup makes it. */
  void awaitReload(Duration patience) throws InterruptedException {
    if (started.poll(patience.toMillis(), TimeUnit.MILLISECONDS) == null) {
      throw new AssertionError("the service did not start again within " + patience);
    }
  }

  /** Posts a signed {@code ping} delivery, as GitHub sends one to a new webhook. */
  int ping(String secret) throws IOException, InterruptedException {
    byte[] body =
        "{\"zen\":\"Design for failure.\",\"hook_id\":1}".getBytes(StandardCharsets.UTF_8);
    HttpRequest request =
        HttpRequest.newBuilder(url("/github/webhook"))
            .header("Content-Type", "application/json")
            .header("X-GitHub-Event", "ping")
            .header("X-GitHub-Delivery", UUID.randomUUID().toString())
            .header(
                "X-Hub-Signature-256",
                new WebhookSignature(secret.getBytes(StandardCharsets.UTF_8)).sign(body))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    return HttpClient.newHttpClient()
        .send(request, HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  @Override
  public void close() {
    if (current != null) {
      current.close();
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
