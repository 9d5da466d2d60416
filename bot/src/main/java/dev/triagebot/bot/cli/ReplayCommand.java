package dev.triagebot.bot.cli;

import dev.triagebot.bot.config.WebhookSecret;
import dev.triagebot.bot.webhook.WebhookHeaders;
import dev.triagebot.bot.webhook.WebhookSignature;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * {@code replay --payload FILE --event EVENT [--url URL] [--secret S] [--delivery ID]}: signs a
 * payload file as GitHub would and posts it to a running service, printing the status and the
 * answer. For trying the bot locally and for reproducing a delivery.
 */
final class ReplayCommand {
  static final String DEFAULT_URL = "http://localhost:8080/github/webhook";
  private static final Set<String> OPTIONS =
      Set.of("payload", "event", "url", "secret", "delivery");

  private final HttpClient http;

  ReplayCommand(HttpClient http) {
    this.http = http;
  }

  ReplayCommand() {
    this(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build());
  }

  static String usage() {
    return "replay --payload FILE --event EVENT [--url URL] [--secret SECRET] [--delivery ID]\n"
        + "  signs FILE with SECRET (default: $TRIAGE_GITHUB_WEBHOOK_SECRET, else the development"
        + " secret '"
        + WebhookSecret.DEVELOPMENT_SECRET
        + "')\n  and posts it to URL (default "
        + DEFAULT_URL
        + ") with a new delivery id unless --delivery is given";
  }

  int run(List<String> arguments, PrintStream out, PrintStream err) throws IOException {
    CommandOptions options = CommandOptions.parse(arguments, OPTIONS);
    Path payload = Path.of(options.require("payload"));
    String event = options.require("event");
    URI url = URI.create(options.get("url").orElse(DEFAULT_URL));
    String delivery = options.get("delivery").orElseGet(() -> UUID.randomUUID().toString());
    String secret = options.get("secret").orElseGet(() -> secretFromEnvironment(err));

    byte[] body;
    try {
      body = Files.readAllBytes(payload);
    } catch (NoSuchFileException e) {
      err.println("replay: no such payload file: " + payload);
      return 2;
    }
    HttpRequest request =
        HttpRequest.newBuilder(url)
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .header("User-Agent", "triage-bot-replay")
            .header(WebhookHeaders.EVENT, event)
            .header(WebhookHeaders.DELIVERY, delivery)
            .header(
                WebhookHeaders.SIGNATURE,
                new WebhookSignature(secret.getBytes(StandardCharsets.UTF_8)).sign(body))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      err.println("replay: could not post to " + url + ": " + e);
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("replay: interrupted");
      return 1;
    }
    out.println("delivery " + delivery + " (" + event + ") -> HTTP " + response.statusCode());
    out.println(response.body());
    return response.statusCode() >= 400 ? 1 : 0;
  }

  private static String secretFromEnvironment(PrintStream err) {
    String configured = System.getenv("TRIAGE_GITHUB_WEBHOOK_SECRET");
    if (configured != null && !configured.isBlank()) {
      return configured;
    }
    err.println(
        "replay: no --secret and no TRIAGE_GITHUB_WEBHOOK_SECRET: signing with the development"
            + " secret '"
            + WebhookSecret.DEVELOPMENT_SECRET
            + "'");
    return WebhookSecret.DEVELOPMENT_SECRET;
  }
}
