package dev.triagebot.bot.cli;

import dev.triagebot.bot.webhook.WebhookHeaders;
import dev.triagebot.bot.webhook.WebhookSecret;
import dev.triagebot.bot.webhook.WebhookSignature;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code replay}: signs a payload file as GitHub would and posts it to a running service, printing
 * the status and the answer. For trying the bot locally and for reproducing a delivery.
 */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    description = {
      "Sign a webhook payload file as GitHub does and post it to the running service.",
      "Exits 1 when the service answers 4xx/5xx or cannot be reached."
    })
final class ReplayCommand implements Callable<Integer> {
  static final String DEFAULT_URL = "http://localhost:8080/github/webhook";
  static final String START_HINT =
      "is the service running? start it with java -jar bot/target/triage-bot.jar";

  @Spec CommandSpec spec;

  @Option(names = "--payload", required = true, paramLabel = "FILE", description = "JSON payload")
  Path payload;

  @Option(
      names = "--event",
      required = true,
      paramLabel = "EVENT",
      description = "the X-GitHub-Event header, e.g. issues")
  String event;

  @Option(
      names = "--url",
      paramLabel = "URL",
      defaultValue = DEFAULT_URL,
      description = "the service's webhook address (default: ${DEFAULT-VALUE})")
  String url;

  @Option(
      names = "--secret",
      paramLabel = "SECRET",
      description =
          "webhook secret to sign with (default: $TRIAGE_GITHUB_WEBHOOK_SECRET, else the"
              + " development secret '"
              + WebhookSecret.DEVELOPMENT_SECRET
              + "')")
  String secret;

  @Option(
      names = "--delivery",
      paramLabel = "ID",
      description = "delivery id to send, e.g. to reproduce a redelivery (default: a new one)")
  String delivery;

  private final PrintStream out;
  private final PrintStream err;

  ReplayCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  @Override
  public Integer call() throws IOException {
    URI target = webhookAddress();
    String deliveryId = delivery != null ? delivery : UUID.randomUUID().toString();
    String signingSecret = secret != null ? secret : secretFromEnvironment();
    byte[] body;
    try {
      body = Files.readAllBytes(payload);
    } catch (NoSuchFileException e) {
      throw new ParameterException(spec.commandLine(), "no such payload file: " + payload);
    }
    HttpRequest request =
        HttpRequest.newBuilder(target)
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .header("User-Agent", "triage-bot-replay")
            .header(WebhookHeaders.EVENT, event)
            .header(WebhookHeaders.DELIVERY, deliveryId)
            .header(
                WebhookHeaders.SIGNATURE,
                new WebhookSignature(signingSecret.getBytes(StandardCharsets.UTF_8)).sign(body))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    HttpResponse<String> response;
    try {
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (ConnectException | HttpConnectTimeoutException e) {
      err.println("replay: cannot reach " + target + ": " + START_HINT);
      return TriageBotCommand.FAILED;
    } catch (IOException e) {
      err.println("replay: could not post to " + target + ": " + describe(e));
      return TriageBotCommand.FAILED;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("replay: interrupted");
      return TriageBotCommand.FAILED;
    }
    out.println("delivery " + deliveryId + " (" + event + ") -> HTTP " + response.statusCode());
    out.println(response.body());
    return response.statusCode() >= 400 ? TriageBotCommand.FAILED : TriageBotCommand.OK;
  }

  /** The {@code --url}, which must be a full http(s) address: a bare host:port is a usage error. */
  private URI webhookAddress() {
    String problem =
        "--url must be an http:// or https:// address such as " + DEFAULT_URL + "; got '" + url;
    URI target;
    try {
      target = new URI(url.trim());
    } catch (URISyntaxException e) {
      throw new ParameterException(spec.commandLine(), problem + "' (" + e.getReason() + ")");
    }
    String scheme = target.getScheme() == null ? "" : target.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https")) || target.getHost() == null) {
      throw new ParameterException(spec.commandLine(), problem + "'");
    }
    return target;
  }

  private static String describe(IOException e) {
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
  }

  private String secretFromEnvironment() {
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
