/*
 * Measures POST -> acknowledgement latency of a running triage-bot on loopback: posts COUNT signed
 * deliveries of one payload file (each with a new delivery id, one after another, as GitHub sends
 * them) and prints the median, p90, p99 and max. Needs only a JDK:
 *
 *   java -jar bot/target/triage-bot.jar &            # dry-run, development secret
 *   java scripts/WebhookLatency.java --payload bot/src/test/resources/webhooks/issues-opened-mcp-startup-timeout.json
 *
 * Options: --url (default http://127.0.0.1:8080/github/webhook; loopback only), --secret (default
 * dev-secret), --event (default issues), --count (default 3000, at most 20000), --warmup (default
 * 300, not counted).
 */
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

public class WebhookLatency {
  private static final int MAX_COUNT = 20_000;

  public static void main(String[] args) throws Exception {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    URI url = URI.create(options.getOrDefault("url", "http://127.0.0.1:8080/github/webhook"));
    if (!InetAddress.getByName(url.getHost()).isLoopbackAddress()) {
      throw new IllegalArgumentException("loopback only, got " + url.getHost());
    }
    byte[] body = Files.readAllBytes(Path.of(required(options, "payload")));
    String event = options.getOrDefault("event", "issues");
    int count = Math.min(Integer.parseInt(options.getOrDefault("count", "3000")), MAX_COUNT);
    int warmup = Math.min(Integer.parseInt(options.getOrDefault("warmup", "300")), MAX_COUNT);
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(
        new SecretKeySpec(
            options.getOrDefault("secret", "dev-secret").getBytes(StandardCharsets.UTF_8),
            "HmacSHA256"));
    String signature = "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    long[] nanos = new long[count];
    int failures = 0;
    for (int i = -warmup; i < count; i++) {
      HttpRequest request =
          HttpRequest.newBuilder(url)
              .header("Content-Type", "application/json")
              .header("X-GitHub-Event", event)
              .header("X-GitHub-Delivery", UUID.randomUUID().toString())
              .header("X-Hub-Signature-256", signature)
              .POST(HttpRequest.BodyPublishers.ofByteArray(body))
              .build();
      long start = System.nanoTime();
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      long elapsed = System.nanoTime() - start;
      if (response.statusCode() >= 300) {
        failures++;
        if (failures <= 3) {
          System.err.println("HTTP " + response.statusCode() + ": " + response.body());
        }
      }
      if (i >= 0) {
        nanos[i] = elapsed;
      }
    }
    Arrays.sort(nanos);
    System.out.printf(
        "%d deliveries of %d bytes (%s) after %d warm-up: median %.2f ms, p90 %.2f ms,"
            + " p99 %.2f ms, max %.2f ms, %d non-2xx%n",
        count,
        body.length,
        event,
        warmup,
        millis(nanos, 0.50),
        millis(nanos, 0.90),
        millis(nanos, 0.99),
        nanos[count - 1] / 1e6,
        failures);
  }

  private static double millis(long[] sorted, double quantile) {
    return sorted[(int) Math.ceil(quantile * sorted.length) - 1] / 1e6;
  }

  private static String required(Map<String, String> options, String name) {
    String value = options.get(name);
    if (value == null) {
      throw new IllegalArgumentException("--" + name + " is required");
    }
    return value;
  }
}
