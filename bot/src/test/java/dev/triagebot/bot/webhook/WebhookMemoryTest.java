package dev.triagebot.bot.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
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
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The service in a child JVM with a 128 MB heap: given 40 concurrent posts of 5 to 25 MB with a
 * bogus signature, streamed over real sockets (some declared, some chunked, some declared over
 * GitHub's cap), when they are all answered, then it never said DOWN, never ran out of memory, and
 * still triages a valid delivery; signed but malformed bodies get their 400 over real HTTP too.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class WebhookMemoryTest {
  private static final String SECRET = "memory-test-secret";
  private static final String BOGUS = "sha256=" + "0".repeat(64);
  private static final int MB = 1024 * 1024;
  private static final int POSTS = 40;
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private static Process service;
  private static Path log;
  private static int port;

  @BeforeAll
  static void startTheServiceWithASmallHeap() throws Exception {
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    Path dataDir = Path.of("target", "memory-test-" + UUID.randomUUID());
    Files.createDirectories(dataDir);
    log = dataDir.resolve("service.log");
    service =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m",
                "-XX:+ExitOnOutOfMemoryError",
                "-cp",
                System.getProperty("java.class.path"),
                "dev.triagebot.bot.TriageBotApplication",
                "--server.port=" + port,
                "--spring.datasource.url=jdbc:h2:mem:memory-test;DB_CLOSE_DELAY=-1",
                "--triage.github.webhook-secret=" + SECRET,
                "--triage.data-dir=" + dataDir,
                "--triage.ingress.bodies-in-flight=32MB",
                "--triage.queue.poll-interval=100ms",
                "--triage.review.reaction-polling=false")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    Instant deadline = Instant.now().plusSeconds(90);
    while (!health().equals("UP")) {
      assertThat(service.isAlive()).as("the service started; see %s", log).isTrue();
      assertThat(Instant.now()).as("up within 90 s; see %s", log).isBefore(deadline);
      Thread.sleep(250);
    }
  }

  @AfterAll
  static void stopTheService() throws Exception {
    if (service != null) {
      service.destroy();
      service.waitFor(20, TimeUnit.SECONDS);
    }
  }

  @Test
  void aStormOfOversizedUnsignedPostsLeavesTheServiceHealthyAndTriaging() throws Exception {
    Map<String, AtomicInteger> answers = new ConcurrentHashMap<>();
    AtomicBoolean alwaysUp = new AtomicBoolean(true);
    AtomicBoolean storming = new AtomicBoolean(true);
    ExecutorService pool = Executors.newFixedThreadPool(POSTS + 1);
    Future<?> watcher =
        pool.submit(
            () -> {
              while (storming.get()) {
                if (!health().equals("UP")) {
                  alwaysUp.set(false);
                }
                sleep(200);
              }
              return null;
            });
    long started = System.nanoTime();
    List<Future<?>> posts = new ArrayList<>();
    long bytesOffered = 0;
    for (int i = 0; i < POSTS; i++) {
      int megabytes = 5 + (i * 7) % 21;
      // Every tenth declares more than GitHub's cap; every fifth is chunked, with no length.
      Mode mode = i % 10 == 0 ? Mode.OVER_CAP : i % 5 == 0 ? Mode.CHUNKED : Mode.DECLARED;
      long size =
          mode == Mode.OVER_CAP ? WebhookHeaders.MAX_PAYLOAD_BYTES + 1 : (long) megabytes * MB;
      bytesOffered += size;
      posts.add(
          pool.submit(
              () -> {
                answers
                    .computeIfAbsent(post(size, mode), k -> new AtomicInteger())
                    .incrementAndGet();
                return null;
              }));
    }
    for (Future<?> post : posts) {
      post.get(3, TimeUnit.MINUTES);
    }
    long elapsedMs = (System.nanoTime() - started) / 1_000_000;
    storming.set(false);
    watcher.get(10, TimeUnit.SECONDS);
    pool.shutdown();

    String peak = peakResidentMemory();
    System.out.printf(
        "memory test: %d posts, %d MB offered, answered in %d ms: %s; service peak RSS %s%n",
        POSTS, bytesOffered / MB, elapsedMs, new TreeMap<>(answers), peak);

    assertThat(service.isAlive()).as("no OutOfMemoryError (the JVM exits on one)").isTrue();
    assertThat(alwaysUp).as("health stayed UP throughout").isTrue();
    assertThat(answers.keySet())
        .as("every post was answered 401, 413 or 503, or cut off after its answer")
        .isSubsetOf("401", "413", "503", "closed");
    assertThat(answers).containsKey("401");
    assertThat(Files.readString(log)).doesNotContain("OutOfMemoryError").doesNotContain(SECRET);

    String delivery = UUID.randomUUID().toString();
    HttpResponse<String> valid =
        send(delivery, WebhookFixtures.bytes("issues-opened-mcp-startup-timeout.json"), null);
    assertThat(valid.statusCode()).as(valid.body()).isEqualTo(202);
    Instant deadline = Instant.now().plusSeconds(60);
    while (!Files.readString(log).contains(delivery + "):")) {
      assertThat(Instant.now()).as("the valid delivery is triaged; see %s", log).isBefore(deadline);
      Thread.sleep(200);
    }
    assertThat(health()).isEqualTo("UP");
  }

  @Test
  void signedButMalformedBodiesGetA400OverRealHttpAndUnknownPagesA404InJson() throws Exception {
    // A null login is the worker's to find (it parks the job); ingress only needs valid JSON.
    String fixture =
        new String(
            WebhookFixtures.bytes("issues-opened-mcp-startup-timeout.json"),
            StandardCharsets.UTF_8);

    HttpResponse<String> trailing =
        send(
            UUID.randomUUID().toString(), (fixture + "}}}").getBytes(StandardCharsets.UTF_8), null);
    HttpResponse<String> nullLogin =
        send(
            UUID.randomUUID().toString(),
            fixture
                .replaceFirst("\"login\": \"river-okafor\"", "\"login\": null")
                .getBytes(StandardCharsets.UTF_8),
            null);
    HttpResponse<String> error =
        HTTP.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/error")).build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(trailing.statusCode()).isEqualTo(400);
    assertThat(nullLogin.statusCode()).isEqualTo(202);
    assertThat(nullLogin.body()).contains("\"status\":\"queued\"");
    HttpResponse<String> unknown =
        HTTP.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/no/such/page"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(error.statusCode()).isEqualTo(404);
    assertThat(error.body()).isEqualTo("{\"error\":\"not found\"}");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.body()).isEqualTo("{\"error\":\"not found\"}");
  }

  private enum Mode {
    DECLARED,
    CHUNKED,
    OVER_CAP
  }

  /**
   * Streams {@code size} bytes of JSON-looking filler with a bogus signature, reading the answer
   * while writing (the service may answer, and close, before the body is through).
   *
   * @return the status code, or "closed" when the connection ended without one
   */
  private static String post(long size, Mode mode) throws Exception {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(120_000);
      ExecutorService reader = Executors.newSingleThreadExecutor();
      Future<String> status = reader.submit(() -> statusLine(socket.getInputStream()));
      try {
        OutputStream out = socket.getOutputStream();
        StringBuilder head =
            new StringBuilder("POST /github/webhook HTTP/1.1\r\n")
                .append("Host: 127.0.0.1:")
                .append(port)
                .append("\r\nContent-Type: application/json\r\n")
                .append(WebhookHeaders.EVENT)
                .append(": issues\r\n")
                .append(WebhookHeaders.DELIVERY)
                .append(": ")
                .append(UUID.randomUUID())
                .append("\r\n")
                .append(WebhookHeaders.SIGNATURE)
                .append(": ")
                .append(BOGUS)
                .append("\r\nConnection: close\r\n");
        head.append(
            mode == Mode.CHUNKED
                ? "Transfer-Encoding: chunked\r\n\r\n"
                : "Content-Length: " + size + "\r\n\r\n");
        out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
        byte[] chunk = new byte[64 * 1024];
        java.util.Arrays.fill(chunk, (byte) ' ');
        chunk[0] = '{';
        for (long sent = 0; sent < size && !status.isDone(); sent += chunk.length) {
          int length = (int) Math.min(chunk.length, size - sent);
          if (mode == Mode.CHUNKED) {
            out.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(chunk, 0, length);
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
          } else {
            out.write(chunk, 0, length);
          }
        }
        if (mode == Mode.CHUNKED && !status.isDone()) {
          out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.flush();
      } catch (IOException cutOff) {
        // The service answered and closed before the whole body was sent: that is the point.
      }
      try {
        return status.get(120, TimeUnit.SECONDS);
      } catch (java.util.concurrent.ExecutionException noAnswer) {
        return "closed";
      } finally {
        reader.shutdownNow();
      }
    }
  }

  /** The status code; a 503 without {@code Retry-After: 5} counts as "503 without Retry-After". */
  private static String statusLine(InputStream in) throws IOException {
    BufferedReader reader =
        new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
    String line = reader.readLine();
    if (line == null || !line.startsWith("HTTP/1.1 ")) {
      return "closed";
    }
    String status = line.substring(9, 12);
    if (!status.equals("503")) {
      return status;
    }
    for (String header = reader.readLine();
        header != null && !header.isEmpty();
        header = reader.readLine()) {
      if (header.equalsIgnoreCase("Retry-After: 5")) {
        return status;
      }
    }
    return "503 without Retry-After";
  }

  private static HttpResponse<String> send(String delivery, byte[] body, String signature)
      throws Exception {
    WebhookSignature signer = new WebhookSignature(SECRET.getBytes(StandardCharsets.UTF_8));
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/github/webhook"))
            .header("Content-Type", "application/json")
            .header(WebhookHeaders.EVENT, "issues")
            .header(WebhookHeaders.DELIVERY, delivery)
            .header(WebhookHeaders.SIGNATURE, signature == null ? signer.sign(body) : signature)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String health() {
    try {
      HttpResponse<String> response =
          HTTP.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                  .timeout(Duration.ofSeconds(5))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return response.body().contains("\"status\":\"UP\"") ? "UP" : response.body();
    } catch (IOException e) {
      return "unreachable: " + e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }

  /** The child's peak resident set (Linux), for the report; "unknown" elsewhere. */
  private static String peakResidentMemory() {
    try {
      return Files.readAllLines(Path.of("/proc", String.valueOf(service.pid()), "status")).stream()
          .filter(line -> line.startsWith("VmHWM:"))
          .map(line -> line.substring(6).strip())
          .findFirst()
          .orElse("unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
