package dev.triagebot.bot.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.kohsuke.github.authorization.AuthorizationProvider;

/**
 * Reads JSON from GitHub's REST API directly, for the listings github-api maps too narrowly (it
 * drops {@code author_association} and reads the {@code duplicate} state reason as "unknown"). Same
 * authorization, same failure translation as the rest of {@link GitHubApiOperations}.
 */
final class RestReader {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final URI apiUrl;
  private final Clock clock;
  private final GitHubCalls calls;
  private final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(10))
          .followRedirects(HttpClient.Redirect.NORMAL)
          .build();

  RestReader(URI apiUrl, Clock clock, GitHubCalls calls) {
    this.apiUrl = apiUrl;
    this.clock = clock;
    this.calls = calls;
  }

  /** A successful answer's JSON and headers. */
  record Answer(JsonNode body, Map<String, List<String>> headers) {
    String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty())
          .map(e -> e.getValue().get(0))
          .findFirst()
          .orElse(null);
    }
  }

  /**
   * GETs {@code pathAndQuery} (e.g. {@code /repos/o/r/issues?page=1}).
   *
   * @throws GitHubUnavailableException or {@link GitHubRejectedException} as the answer says
   */
  Answer get(String what, String pathAndQuery, AuthorizationProvider authorization) {
    String root = apiUrl.toString().replaceAll("/+$", "");
    HttpResponse<byte[]> response;
    URI uri = URI.create(root + pathAndQuery);
    long started = System.nanoTime();
    try {
      HttpRequest request =
          HttpRequest.newBuilder(uri)
              .timeout(TIMEOUT)
              .header("Accept", "application/vnd.github+json")
              .header("X-GitHub-Api-Version", "2022-11-28")
              .header("Authorization", authorization.getEncodedAuthorization())
              .GET()
              .build();
      response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
      calls.answered(
          "GET", uri, response.statusCode(), response.headers().map(), System.nanoTime() - started);
    } catch (IOException e) {
      calls.unanswered("GET", uri, System.nanoTime() - started);
      throw GitHubFailures.translate(what, -1, Map.of(), e, clock);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GitHubUnavailableException(what + ": interrupted", null, e);
    }
    Map<String, List<String>> headers = response.headers().map();
    if (response.statusCode() / 100 != 2) {
      String body = new String(response.body(), java.nio.charset.StandardCharsets.UTF_8);
      return throwFor(what, response.statusCode(), headers, body);
    }
    try {
      return new Answer(JSON.readTree(response.body()), headers);
    } catch (IOException e) {
      throw new GitHubUnavailableException(what + ": GitHub's answer is not JSON", null, e);
    }
  }

  private Answer throwFor(String what, int status, Map<String, List<String>> headers, String body) {
    // The body only feeds the secondary-limit check; it is never put in the message.
    throw GitHubFailures.translate(what, status, headers, new IOException(body), clock);
  }
}
