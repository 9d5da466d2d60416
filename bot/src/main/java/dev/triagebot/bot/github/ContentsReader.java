package dev.triagebot.bot.github;

import com.fasterxml.jackson.databind.JsonNode;
import dev.triagebot.bot.issue.RepositoryRef;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;

/**
 * {@code GET /repos/{owner}/{repo}/contents/{path}} with {@code If-None-Match}, through {@link
 * GitHubHttp} like every other call: a 304 and a 404 are answers here, and the content is decoded
 * from the base64 GitHub sends.
 */
final class ContentsReader {
  private static final Pattern PLAIN_PATH = Pattern.compile("[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*");

  private final GitHubHttp http;

  ContentsReader(GitHubHttp http) {
    this.http = http;
  }

  RepositoryFile read(
      RepositoryRef repository, String path, String etag, GitHubHttp.Authorization auth) {
    if (!PLAIN_PATH.matcher(path).matches() || path.contains("..")) {
      throw new IllegalArgumentException("not a plain file path: " + path);
    }
    String what = "read " + path + " of " + repository;
    // One template variable per segment: each is encoded whole, and the slashes stay slashes.
    String[] segments = path.split("/");
    StringBuilder template = new StringBuilder("/repos/{owner}/{repo}/contents");
    Object[] variables = new Object[2 + segments.length];
    String fullName = repository.fullName();
    int slash = fullName.indexOf('/');
    variables[0] = fullName.substring(0, slash);
    variables[1] = fullName.substring(slash + 1);
    for (int i = 0; i < segments.length; i++) {
      template.append("/{s").append(i).append('}');
      variables[2 + i] = segments[i];
    }
    GitHubHttp.Answer answer = http.getIfChanged(what, auth, etag, template.toString(), variables);
    if (answer.status() == 304) {
      return new RepositoryFile.Unchanged();
    }
    if (answer.status() == 404) {
      return new RepositoryFile.Absent();
    }
    return found(what, answer);
  }

  private static RepositoryFile found(String what, GitHubHttp.Answer answer) {
    JsonNode body = answer.json();
    // A directory answers a list; a file over 1 MB answers encoding "none" and no content.
    if (!"file".equals(body.path("type").asText(""))
        || !"base64".equals(body.path("encoding").asText(""))) {
      throw new GitHubRejectedException(
          what + ": not a file of at most 1 MB (type " + body.path("type").asText("?") + ")",
          422,
          null);
    }
    byte[] bytes;
    try {
      bytes = Base64.getMimeDecoder().decode(body.path("content").asText(""));
    } catch (IllegalArgumentException garbled) {
      throw new GitHubUnavailableException(what + ": content is not base64", null, garbled);
    }
    return new RepositoryFile.Found(
        new String(bytes, StandardCharsets.UTF_8), answer.header(HttpHeaders.ETAG));
  }
}
