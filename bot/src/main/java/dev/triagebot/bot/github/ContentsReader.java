package dev.triagebot.bot.github;

import dev.triagebot.bot.issue.RepositoryRef;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.kohsuke.github.authorization.AuthorizationProvider;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET /repos/{owner}/{repo}/contents/{path}} with {@code If-None-Match}. github-api's {@code
 * getFileContent} sends no validator and hides the 304 and the ETag, so this one call is made
 * directly; failures translate as for every other call.
 */
final class ContentsReader {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final URI apiUrl;
  private final Clock clock;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(TimeoutConnector.CONNECT_TIMEOUT).build();

  ContentsReader(URI apiUrl, Clock clock) {
    this.apiUrl = apiUrl;
    this.clock = clock;
  }

  RepositoryFile read(
      RepositoryRef repository, String path, String etag, AuthorizationProvider authorization) {
    String what = "read " + path + " of " + repository;
    if (!path.matches("[A-Za-z0-9._/-]+") || path.contains("..")) {
      throw new IllegalArgumentException("not a plain file path: " + path);
    }
    URI uri =
        URI.create(
            apiUrl.toString().replaceAll("/+$", "")
                + "/repos/"
                + repository.fullName()
                + "/contents/"
                + path);
    HttpResponse<byte[]> response;
    try {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(uri)
              .timeout(TimeoutConnector.REQUEST_TIMEOUT)
              .header("Accept", "application/vnd.github+json")
              .header("X-GitHub-Api-Version", "2022-11-28")
              .header("Authorization", authorization.getEncodedAuthorization())
              .GET();
      if (etag != null) {
        request.header("If-None-Match", etag);
      }
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException failure) {
      throw GitHubFailures.translate(what, -1, Map.of(), failure, clock);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new GitHubUnavailableException(what + ": interrupted", null, interrupted);
    }
    int status = response.statusCode();
    Map<String, List<String>> headers = response.headers().map();
    if (status == 304) {
      return new RepositoryFile.Unchanged();
    }
    if (status == 404) {
      return new RepositoryFile.Absent();
    }
    if (status / 100 != 2) {
      // The body only feeds the secondary-limit check; it is never put in the message.
      throw GitHubFailures.translate(
          what,
          status,
          headers,
          new IOException(new String(response.body(), StandardCharsets.UTF_8)),
          clock);
    }
    return found(what, response);
  }

  private static RepositoryFile found(String what, HttpResponse<byte[]> response) {
    JsonNode body;
    try {
      body = JSON.readTree(response.body());
    } catch (JacksonException notJson) {
      throw new GitHubUnavailableException(what + ": GitHub's answer is not JSON", null, notJson);
    }
    // A directory answers a list; a file over 1 MB answers encoding "none" and no content.
    if (!"file".equals(body.path("type").asString(""))
        || !"base64".equals(body.path("encoding").asString(""))) {
      throw new GitHubRejectedException(
          what + ": not a file of at most 1 MB (type " + body.path("type").asString("?") + ")",
          422,
          null);
    }
    byte[] bytes;
    try {
      bytes = Base64.getMimeDecoder().decode(body.path("content").asString(""));
    } catch (IllegalArgumentException garbled) {
      throw new GitHubUnavailableException(what + ": content is not base64", null, garbled);
    }
    String etag = response.headers().firstValue("ETag").orElse(null);
    return new RepositoryFile.Found(new String(bytes, StandardCharsets.UTF_8), etag);
  }
}
