package dev.triagebot.bot.github;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.triagebot.bot.issue.RepositoryRef;
import dev.triagebot.testing.SharedMaterial;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The configuration file read, request and answers, against GitHub's REST description {@code
 * shared/github/openapi/api.github.com.json}: the path is the contents operation's, its query and
 * headers are ones it declares, the fake's file answer is a valid {@code content-file}, and 304 and
 * 404 are answers GitHub documents for it.
 */
class ContentsReadFollowsGitHubsRestDescriptionTest {
  static final String OPERATION = "/repos/{owner}/{repo}/contents/{path}";
  static final String REPO = "octo-org/triage-sandbox";
  static final String PATH = ".github/triage-bot.yml";
  static final ObjectMapper JSON = new ObjectMapper();

  JsonNode openApi;
  FakeGitHub github;

  @BeforeEach
  void start() throws IOException {
    Path description = SharedMaterial.require("github/openapi/api.github.com.json");
    openApi = JSON.readTree(description.toFile());
    github = new FakeGitHub();
  }

  @AfterEach
  void stop() {
    // Null when the shared description is missing and the test was skipped before starting it.
    if (github != null) {
      github.close();
    }
  }

  @Test
  void theReadAndItsConditionalRepeatAreRequestsOfTheContentsOperation() {
    github.hasFile(REPO, PATH, "mode: suggest\n", "W/\"5f3c9a\"");
    GitHubOperations operations =
        GitHubRestOperations.withToken(github.apiUrl(), "ghp_test_token", Clock.systemUTC());
    RepositoryRef repository = new RepositoryRef(0, REPO);

    RepositoryFile first = operations.readFile(repository, PATH, null);
    // Sent back exactly as answered: the fake's server (Jetty) marks the ETag of a compressed
    // answer (W/"5f3c9a--gzip") and takes the mark off what comes back.
    String etag = ((RepositoryFile.Found) first).etag();
    RepositoryFile again = operations.readFile(repository, PATH, etag);
    RepositoryFile elsewhere =
        operations.readFile(new RepositoryRef(0, "octo-org/.github"), PATH, null);

    assertThat(((RepositoryFile.Found) first).text()).isEqualTo("mode: suggest\n");
    assertThat(etag).startsWith("W/\"5f3c9a");
    assertThat(again).isEqualTo(new RepositoryFile.Unchanged());
    assertThat(elsewhere).isEqualTo(new RepositoryFile.Absent());
    JsonNode get = openApi.path("paths").path(OPERATION).path("get");
    List<LoggedRequest> requests = github.received("GET", "/repos/" + REPO + "/contents/" + PATH);
    assertThat(requests).hasSize(2);
    for (LoggedRequest request : requests) {
      assertThat(Pattern.matches(template(OPERATION), request.getUrl()))
          .as(request.getUrl())
          .isTrue();
      assertThat(request.getHeader("Accept")).isEqualTo("application/vnd.github+json");
      assertThat(request.getHeader("X-GitHub-Api-Version")).isEqualTo("2022-11-28");
      assertThat(request.getMethod().getName()).isEqualTo("GET");
      assertThat(request.getBodyAsString()).isEmpty();
      // No query at all, so none the operation does not declare (it declares only ref).
      assertThat(request.getUrl()).doesNotContain("?");
    }
    // As the fake's server logs it: with its compression mark taken off again.
    assertThat(requests.get(1).getHeader("If-None-Match")).isEqualTo("W/\"5f3c9a\"");
    assertThat(get.path("responses").has("304")).as("GitHub documents 304 for it").isTrue();
    assertThat(get.path("responses").has("404")).as("and 404").isTrue();
    assertThat(
            StreamSupport.stream(get.path("parameters").spliterator(), false)
                .map(p -> p.has("$ref") ? openApi.at(p.get("$ref").asText().substring(1)) : p)
                .filter(p -> "query".equals(p.path("in").asText()))
                .map(p -> p.path("name").asText())
                .toList())
        .containsExactly("ref");
  }

  @Test
  void theFakesFileAnswerIsAValidContentFile() {
    JsonNode file = JSON.valueToTree(FakeGitHub.contentFile(REPO, PATH, "mode: suggest\n"));

    assertThat(contentFileSchema().validate(file)).isEmpty();
    assertThat(
            contentFileSchema()
                .validate(JSON.valueToTree(Map.of("type", "file", "content", "bW9kZQ=="))))
        .as("the schema is strict enough to refuse a partial answer")
        .isNotEmpty();
  }

  /**
   * The operation's 200 schema for a file: its {@code $ref} resolved inside the whole description,
   * validated as draft-04 (OpenAPI 3.0's schema dialect; its extra keywords are ignored).
   */
  private JsonSchema contentFileSchema() {
    JsonNode oneOf =
        openApi
            .path("paths")
            .path(OPERATION)
            .path("get")
            .path("responses")
            .path("200")
            .path("content")
            .path("application/json")
            .path("schema")
            .path("oneOf");
    String ref =
        StreamSupport.stream(oneOf.spliterator(), false)
            .map(option -> option.path("$ref").asText())
            .filter(r -> r.endsWith("/content-file"))
            .findFirst()
            .orElseThrow();
    ObjectNode schema = openApi.deepCopy();
    schema.remove("paths");
    schema.put("$ref", ref);
    return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(schema);
  }

  /** {@code /repos/{owner}/{repo}/contents/{path}} as a pattern; the path may have slashes. */
  private static String template(String operation) {
    return operation
        .replace("{owner}", "[A-Za-z0-9-]+")
        .replace("{repo}", "[A-Za-z0-9._-]+")
        .replace("{path}", "[A-Za-z0-9._/-]+");
  }
}
