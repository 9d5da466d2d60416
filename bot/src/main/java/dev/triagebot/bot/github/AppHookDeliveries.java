package dev.triagebot.bot.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The GitHub App's webhook delivery log: lists what GitHub tried to deliver ({@code GET
 * /app/hook/deliveries}, newest first, paged by a cursor in the {@code Link} header) and asks for a
 * failed delivery again ({@code POST /app/hook/deliveries/{id}/attempts}). Both authenticate as the
 * App itself, with its JWT. github-api has no call for either, so they are made here, with the same
 * timeouts and failure translation as the rest of the GitHub edge.
 */
public final class AppHookDeliveries {
  private static final int PAGE_SIZE = 100;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern NEXT = Pattern.compile("<([^>]*)>;\\s*rel=\"next\"");
  private static final Pattern CURSOR = Pattern.compile("[?&]cursor=([^&]*)");

  private final URI apiUrl;
  private final AppJwt app;
  private final Clock clock;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(TimeoutConnector.CONNECT_TIMEOUT).build();

  private AppHookDeliveries(URI apiUrl, AppJwt app, Clock clock) {
    this.apiUrl = apiUrl;
    this.app = app;
    this.clock = clock;
  }

  /**
   * For the App the settings name.
   *
   * @throws IllegalStateException when they name no App (token mode has no delivery log to read)
   */
  public static AppHookDeliveries connect(GitHubProperties settings, Clock clock) {
    if (settings.appId() == null) {
      throw new IllegalStateException(
          "the webhook delivery log belongs to a GitHub App: set TRIAGE_GITHUB_APP_ID");
    }
    return new AppHookDeliveries(
        settings.apiUrl(),
        new AppJwt(settings.appId(), GitHubApiOperations.privateKey(settings), clock),
        clock);
  }

  /**
   * One page of the delivery log, newest first, and the cursor of the next one.
   *
   * @param deliveries the attempts on this page
   * @param nextCursor where the next (older) page starts; null on the last page
   */
  public record Page(List<HookDelivery> deliveries, String nextCursor) {
    public Page {
      deliveries = List.copyOf(deliveries);
    }
  }

  /**
   * A page of the delivery log.
   *
   * @param cursor where to start, from {@link Page#nextCursor()}; null for the newest
   */
  public Page page(String cursor) {
    String query =
        "/app/hook/deliveries?per_page="
            + PAGE_SIZE
            + (cursor == null
                ? ""
                : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
    String what = "list the App's webhook deliveries";
    HttpResponse<byte[]> response = send(what, request(query).GET().build());
    JsonNode body;
    try {
      body = JSON.readTree(response.body());
    } catch (IOException notJson) {
      throw new GitHubUnavailableException(what + ": GitHub's answer is not JSON", null, notJson);
    }
    if (!body.isArray()) {
      throw new GitHubUnavailableException(what + ": GitHub's answer is not a list", null, null);
    }
    List<HookDelivery> deliveries = new ArrayList<>();
    body.forEach(item -> deliveries.add(delivery(item)));
    return new Page(deliveries, nextCursor(response.headers().firstValue("link").orElse(null)));
  }

  /** Asks GitHub to deliver the event of this attempt again, to the webhook as it is now. */
  public void redeliver(long attemptId) {
    send(
        "ask GitHub to redeliver delivery " + attemptId,
        request("/app/hook/deliveries/" + attemptId + "/attempts")
            .POST(HttpRequest.BodyPublishers.noBody())
            .build());
  }

  /** The cursor of the {@code rel="next"} link; null when there is none. */
  static String nextCursor(String link) {
    if (link == null) {
      return null;
    }
    Matcher next = NEXT.matcher(link);
    if (!next.find()) {
      return null;
    }
    Matcher cursor = CURSOR.matcher(next.group(1));
    return cursor.find() ? URLDecoder.decode(cursor.group(1), StandardCharsets.UTF_8) : null;
  }

  private static HookDelivery delivery(JsonNode item) {
    JsonNode installation = item.path("installation_id");
    JsonNode action = item.path("action");
    try {
      return new HookDelivery(
          item.path("id").asLong(),
          item.path("guid").asText(),
          Instant.parse(item.path("delivered_at").asText()),
          item.path("redelivery").asBoolean(),
          item.path("status_code").asInt(),
          item.path("event").asText(),
          action.isTextual() ? action.asText() : null,
          installation.isIntegralNumber() ? installation.asLong() : null);
    } catch (RuntimeException unreadable) {
      throw new GitHubUnavailableException(
          "list the App's webhook deliveries: an item GitHub listed cannot be read ("
              + unreadable.getMessage()
              + ")",
          null,
          unreadable);
    }
  }

  private HttpRequest.Builder request(String pathAndQuery) {
    String root = apiUrl.toString().replaceAll("/+$", "");
    return HttpRequest.newBuilder(URI.create(root + pathAndQuery))
        .timeout(TimeoutConnector.REQUEST_TIMEOUT)
        .header("Accept", "application/vnd.github+json")
        .header("X-GitHub-Api-Version", "2022-11-28")
        .header("Authorization", app.getEncodedAuthorization());
  }

  private HttpResponse<byte[]> send(String what, HttpRequest request) {
    HttpResponse<byte[]> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException unreachable) {
      throw GitHubFailures.translate(what, -1, Map.of(), unreachable, clock);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new GitHubUnavailableException(what + ": interrupted", null, interrupted);
    }
    if (response.statusCode() / 100 != 2) {
      // The body only feeds the secondary-limit check; it is never put in the message.
      throw GitHubFailures.translate(
          what,
          response.statusCode(),
          response.headers().map(),
          new IOException(new String(response.body(), StandardCharsets.UTF_8)),
          clock);
    }
    return response;
  }
}
