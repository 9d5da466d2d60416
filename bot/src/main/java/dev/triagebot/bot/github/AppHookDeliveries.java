package dev.triagebot.bot.github;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;

/**
 * The GitHub App's webhook delivery log: lists what GitHub tried to deliver ({@code GET
 * /app/hook/deliveries}, newest first, paged by a cursor in the {@code Link} header) and asks for a
 * failed delivery again ({@code POST /app/hook/deliveries/{id}/attempts}). Both authenticate as the
 * App itself, with the JWT of its {@link GitHubCredentials.App}, through {@link GitHubHttp} like
 * every other call. Paged by hand rather than with {@link GitHubHttp#getAllPages}: the sweep reads
 * only as far back as it needs.
 */
public final class AppHookDeliveries {
  private static final String DELIVERIES = "/app/hook/deliveries?per_page=100";
  private static final Pattern CURSOR = Pattern.compile("[?&]cursor=([^&]*)");

  private final GitHubHttp http;
  private final GitHubHttp.Authorization app;

  private AppHookDeliveries(GitHubHttp http, GitHubHttp.Authorization app) {
    this.http = http;
    this.app = app;
  }

  /**
   * For the App the settings name.
   *
   * @param calls where every request to GitHub is counted and timed
   * @throws IllegalStateException when they name no App (token mode has no delivery log to read)
   */
  public static AppHookDeliveries connect(
      GitHubProperties settings, Clock clock, GitHubCalls calls) {
    if (settings.appId() == null) {
      throw new IllegalStateException(
          "the webhook delivery log belongs to a GitHub App: set TRIAGE_GITHUB_APP_ID");
    }
    GitHubHttp http = new GitHubHttp(settings.apiUrl(), GitHubHttp.REQUEST_TIMEOUT, clock, calls);
    GitHubCredentials.App credentials =
        (GitHubCredentials.App) GitHubCredentials.from(settings, http, clock);
    return new AppHookDeliveries(http, credentials.asApp());
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
    String what = "list the App's webhook deliveries";
    GitHubHttp.Answer answer =
        cursor == null
            ? http.get(what, app, DELIVERIES)
            : http.get(what, app, DELIVERIES + "&cursor={cursor}", cursor);
    JsonNode body = answer.json();
    if (!body.isArray()) {
      throw new GitHubUnavailableException(what + ": GitHub's answer is not a list", null, null);
    }
    List<HookDelivery> deliveries = new ArrayList<>();
    body.forEach(item -> deliveries.add(delivery(item)));
    return new Page(deliveries, nextCursor(answer.header(HttpHeaders.LINK)));
  }

  /** Asks GitHub to deliver the event of this attempt again, to the webhook as it is now. */
  public void redeliver(long attemptId) {
    http.send(
        "ask GitHub to redeliver delivery " + attemptId,
        app,
        HttpMethod.POST,
        null,
        "/app/hook/deliveries/{id}/attempts",
        attemptId);
  }

  /** The cursor of the {@code rel="next"} link; null when there is none. */
  static String nextCursor(String link) {
    return LinkHeader.next(link)
        .map(next -> next.getRawQuery() == null ? null : CURSOR.matcher("?" + next.getRawQuery()))
        .filter(Matcher::find)
        .map(cursor -> URLDecoder.decode(cursor.group(1), StandardCharsets.UTF_8))
        .orElse(null);
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
}
