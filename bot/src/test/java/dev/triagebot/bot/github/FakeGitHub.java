package dev.triagebot.bot.github;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.common.ConsoleNotifier;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * A fake GitHub REST API on loopback (WireMock, dynamic port) answering like api.github.com, and
 * recording every request so that tests can assert exactly which were made. Responses carry
 * GitHub's fields, in GitHub's shapes.
 */
public final class FakeGitHub implements AutoCloseable {
  public static final String BOT_LOGIN = "triage-bot[bot]";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final WireMockServer server;

  public FakeGitHub() {
    server =
        new WireMockServer(
            options().dynamicPort().bindAddress("127.0.0.1").notifier(new ConsoleNotifier(false)));
    server.start();
    // Token mode asks who the token is, to know the bot's own comments by their author.
    stub(get(urlPathEqualTo("/user")), ok(user(BOT_LOGIN, "Bot")));
    // No repository has a configuration file unless a test gives it one (hasFile).
    server.stubFor(
        get(urlPathMatching("/repos/[^/]+/[^/]+/contents/.+"))
            .atPriority(10)
            .willReturn(
                json(
                    404,
                    Map.of(
                        "message",
                        "Not Found",
                        "documentation_url",
                        "https://docs.github.com/rest/repos/contents#get-repository-content",
                        "status",
                        "404"))));
  }

  /**
   * {@code GET /repos/{owner}/{repo}/contents/{path}}: the file as GitHub's content-file object,
   * with this ETag; a request that sends the ETag back in {@code If-None-Match} gets 304 and no
   * body, as from GitHub. Replaces what the file was before.
   */
  public FakeGitHub hasFile(String fullName, String path, String text, String etag) {
    String url = "/repos/" + fullName + "/contents/" + path;
    server.stubFor(
        get(urlPathEqualTo(url))
            .atPriority(5)
            .willReturn(json(200, contentFile(fullName, path, text)).withHeader("ETag", etag)));
    server.stubFor(
        get(urlPathEqualTo(url))
            .atPriority(1)
            .withHeader("If-None-Match", equalTo(etag))
            .willReturn(aResponse().withStatus(304).withHeader("ETag", etag)));
    return this;
  }

  /**
   * A file as GitHub's contents API describes it ({@code content-file} in its REST description).
   */
  public static Map<String, Object> contentFile(String fullName, String path, String text) {
    byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    String sha = "3d21ec53a331a6f037a91c368710b99387d012c1";
    String api = "https://api.github.com/repos/" + fullName + "/contents/" + path;
    String html = "https://github.com/" + fullName + "/blob/main/" + path;
    String git = "https://api.github.com/repos/" + fullName + "/git/blobs/" + sha;
    Map<String, Object> file = new LinkedHashMap<>();
    file.put("type", "file");
    file.put("encoding", "base64");
    file.put("size", bytes.length);
    file.put("name", path.substring(path.lastIndexOf('/') + 1));
    file.put("path", path);
    // GitHub wraps the base64 at 60 characters, with a newline after each line.
    file.put(
        "content",
        java.util.Base64.getMimeEncoder(60, "\n".getBytes()).encodeToString(bytes) + "\n");
    file.put("sha", sha);
    file.put("url", api + "?ref=main");
    file.put("git_url", git);
    file.put("html_url", html);
    file.put("download_url", "https://raw.githubusercontent.com/" + fullName + "/main/" + path);
    file.put("_links", Map.of("self", api + "?ref=main", "git", git, "html", html));
    return file;
  }

  public URI apiUrl() {
    return URI.create(server.baseUrl());
  }

  public WireMockServer server() {
    return server;
  }

  /** {@code GET /app} and {@code GET /app/installations/{id}}: the App and one installation. */
  public FakeGitHub hasApp(long appId, long installationId) {
    stub(get(urlPathEqualTo("/app")), ok(app(appId)));
    stub(
        get(urlPathEqualTo("/app/installations/" + installationId)),
        ok(installation(appId, installationId)));
    return this;
  }

  /** {@code GET /repos/{owner}/{repo}}. */
  public FakeGitHub hasRepository(String fullName) {
    Map<String, Object> repo = repository(fullName);
    stub(get(urlPathEqualTo("/repos/" + fullName)), ok(repo));
    return this;
  }

  /** {@code GET /repos/{owner}/{repo}/issues/{number}}. */
  public FakeGitHub hasIssue(String fullName, int number) {
    Map<String, Object> issue = issue(fullName, number);
    stub(get(urlPathEqualTo(issuePath(fullName, number))), ok(issue));
    return this;
  }

  /** {@code GET /repos/{owner}/{repo}/labels}: the labels the repository defines. */
  public FakeGitHub hasLabels(String fullName, String... names) {
    List<Map<String, Object>> labels = new ArrayList<>();
    long id = 208045946;
    for (String name : names) {
      labels.add(label(fullName, id++, name));
    }
    stub(get(urlPathEqualTo("/repos/" + fullName + "/labels")), ok(labels));
    return this;
  }

  /** {@code GET .../issues/{number}/comments}, answered with these comments. */
  public FakeGitHub hasComments(String fullName, int number, IssueComment... comments) {
    stub(
        get(urlPathEqualTo(issuePath(fullName, number) + "/comments")),
        ok(Arrays.stream(comments).map(c -> comment(fullName, number, c)).toList()));
    return this;
  }

  /** {@code POST .../issues/{number}/labels}. */
  public FakeGitHub acceptsLabels(String fullName, int number) {
    stub(post(urlPathEqualTo(issuePath(fullName, number) + "/labels")), ok(List.of()));
    return this;
  }

  /** {@code POST .../issues/{number}/comments}, creating a comment with this id. */
  public FakeGitHub acceptsNewComment(String fullName, int number, long newId) {
    stub(
        post(urlPathEqualTo(issuePath(fullName, number) + "/comments")),
        json(201, comment(fullName, number, new IssueComment(newId, "(created)", BOT_LOGIN))));
    return this;
  }

  /**
   * {@code POST .../issues/{number}/comments}: the first answered 500 (nothing created), later ones
   * 201 with {@code created}.
   */
  public FakeGitHub failsTheFirstNewComment(
      String fullName, int number, Map<String, Object> created) {
    String comments = issuePath(fullName, number) + "/comments";
    server.stubFor(
        post(urlPathEqualTo(comments))
            .inScenario("first comment fails " + comments)
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(json(500, Map.of("message", "Server Error")))
            .willSetStateTo("recovered"));
    server.stubFor(
        post(urlPathEqualTo(comments))
            .inScenario("first comment fails " + comments)
            .whenScenarioStateIs("recovered")
            .willReturn(json(201, created)));
    return this;
  }

  /** {@code PATCH /repos/{owner}/{repo}/issues/comments/{id}}. */
  public FakeGitHub acceptsCommentUpdate(String fullName, int number, long id) {
    stub(
        patch(urlPathEqualTo("/repos/" + fullName + "/issues/comments/" + id)),
        ok(comment(fullName, number, new IssueComment(id, "(updated)", BOT_LOGIN))));
    return this;
  }

  /** {@code DELETE /repos/{owner}/{repo}/issues/comments/{id}}. */
  public FakeGitHub acceptsCommentDelete(String fullName, long id) {
    stub(
        delete(urlPathEqualTo("/repos/" + fullName + "/issues/comments/" + id)),
        aResponse().withStatus(204));
    return this;
  }

  /** Registers any other answer. */
  public FakeGitHub stub(MappingBuilder request, ResponseDefinitionBuilder response) {
    server.stubFor(request.willReturn(response));
    return this;
  }

  /** Every request received, oldest first, as {@code METHOD /path?query}. */
  public List<String> requests() {
    return events().stream()
        .map(e -> e.getRequest().getMethod().getName() + " " + e.getRequest().getUrl())
        .toList();
  }

  /** Requests other than GET: the ones that would change something on GitHub. */
  public List<String> writes() {
    return requests().stream().filter(r -> !r.startsWith("GET ")).toList();
  }

  /** Requests no stub answered: a test that passes has none. */
  public List<LoggedRequest> unmatched() {
    return server.findAllUnmatchedRequests();
  }

  /** The logged requests with this method and path, oldest first. */
  public List<LoggedRequest> received(String method, String path) {
    return events().stream()
        .map(ServeEvent::getRequest)
        .filter(r -> r.getMethod().getName().equals(method))
        .filter(r -> URI.create(r.getUrl()).getPath().equals(path))
        .toList();
  }

  private List<ServeEvent> events() {
    // WireMock lists the most recent first.
    List<ServeEvent> events = new ArrayList<>(server.getAllServeEvents());
    Collections.reverse(events);
    return events;
  }

  public static String issuePath(String fullName, int number) {
    return "/repos/" + fullName + "/issues/" + number;
  }

  public static ResponseDefinitionBuilder ok(Object body) {
    return json(200, body);
  }

  public static ResponseDefinitionBuilder json(int status, Object body) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/json; charset=utf-8")
        .withBody(JSON.writeValueAsString(body));
  }

  /** A label of the repository as GitHub lists it. */
  public static Map<String, Object> label(String fullName, long id, String name) {
    Map<String, Object> label = new LinkedHashMap<>();
    label.put("id", id);
    label.put("node_id", "LA_kwDOAAAAAc8AAAAB");
    label.put("url", "https://api.github.com/repos/" + fullName + "/labels/" + name);
    label.put("name", name);
    label.put("color", "f29513");
    label.put("default", false);
    label.put("description", null);
    return label;
  }

  public static Map<String, Object> comment(String fullName, int number, IssueComment comment) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", comment.id());
    json.put("node_id", "IC_kwDOAAAAAc5AAAAB");
    json.put(
        "url", "https://api.github.com/repos/" + fullName + "/issues/comments/" + comment.id());
    json.put(
        "html_url",
        "https://github.com/" + fullName + "/issues/" + number + "#issuecomment-" + comment.id());
    json.put("issue_url", "https://api.github.com" + issuePath(fullName, number));
    json.put("body", comment.body());
    json.put("user", user(comment.author(), comment.author().endsWith("[bot]") ? "Bot" : "User"));
    json.put("author_association", "NONE");
    json.put("created_at", "2026-05-04T10:01:00Z");
    json.put("updated_at", "2026-05-04T10:01:00Z");
    return json;
  }

  /** A repository as {@code GET /repos/{owner}/{repo}} answers it. */
  static Map<String, Object> repository(String fullName) {
    String[] ownerAndName = fullName.split("/");
    Map<String, Object> repo = new LinkedHashMap<>();
    repo.put("id", 1296269);
    repo.put("node_id", "R_kgDOAAAAAQ");
    repo.put("name", ownerAndName[1]);
    repo.put("full_name", fullName);
    repo.put("private", false);
    repo.put("owner", user(ownerAndName[0], "Organization"));
    repo.put("html_url", "https://github.com/" + fullName);
    repo.put("url", "https://api.github.com/repos/" + fullName);
    repo.put("has_issues", true);
    return repo;
  }

  /** An open issue without labels, as {@code GET .../issues/{number}} answers it. */
  static Map<String, Object> issue(String fullName, int number) {
    Map<String, Object> issue = new LinkedHashMap<>();
    issue.put("id", 1000000 + number);
    issue.put("node_id", "I_kwDOAAAAAc4AAAAB");
    issue.put("number", number);
    issue.put("title", "MCP server still needs auth after login");
    issue.put("body", "Authentication successful, but the MCP server still shows needs auth.");
    issue.put("state", "open");
    issue.put("labels", List.of());
    issue.put("user", user("reporter", "User"));
    issue.put("url", "https://api.github.com/repos/" + fullName + "/issues/" + number);
    issue.put("html_url", "https://github.com/" + fullName + "/issues/" + number);
    issue.put("comments", 0);
    issue.put("created_at", "2026-05-04T10:00:00Z");
    issue.put("updated_at", "2026-05-04T10:00:00Z");
    return issue;
  }

  static Map<String, Object> app(long appId) {
    Map<String, Object> app = new LinkedHashMap<>();
    app.put("id", appId);
    app.put("slug", "triage-bot");
    app.put("node_id", "A_kwHOAAAAAc4AAAAB");
    app.put("name", "triage-bot");
    app.put("owner", Map.of("login", "octo-org", "id", 1, "type", "Organization"));
    app.put("external_url", "https://example.org/triage-bot");
    app.put("html_url", "https://github.com/apps/triage-bot");
    app.put("permissions", Map.of("issues", "write", "metadata", "read"));
    app.put("events", List.of("issues", "issue_comment"));
    app.put("created_at", "2026-01-01T00:00:00Z");
    app.put("updated_at", "2026-01-01T00:00:00Z");
    return app;
  }

  static Map<String, Object> installation(long appId, long installationId) {
    Map<String, Object> installation = new LinkedHashMap<>();
    installation.put("id", installationId);
    installation.put("app_id", appId);
    installation.put("app_slug", "triage-bot");
    installation.put("target_id", 1);
    installation.put("target_type", "Organization");
    installation.put("account", Map.of("login", "octo-org", "id", 1, "type", "Organization"));
    installation.put("repository_selection", "selected");
    installation.put(
        "access_tokens_url",
        "https://api.github.com/app/installations/" + installationId + "/access_tokens");
    installation.put(
        "html_url",
        "https://github.com/organizations/octo-org/settings/installations/" + installationId);
    installation.put("permissions", Map.of("issues", "write", "metadata", "read"));
    installation.put("events", List.of("issues", "issue_comment"));
    installation.put("created_at", "2026-01-01T00:00:00Z");
    installation.put("updated_at", "2026-01-01T00:00:00Z");
    return installation;
  }

  static Map<String, Object> user(String login, String type) {
    Map<String, Object> user = new LinkedHashMap<>();
    user.put("login", login);
    user.put("id", Math.abs(login.hashCode()));
    user.put("node_id", "MDQ6VXNlcjE=");
    user.put("type", type);
    user.put("site_admin", false);
    user.put("url", "https://api.github.com/users/" + login);
    user.put("html_url", "https://github.com/" + login);
    return user;
  }

  @Override
  public void close() {
    server.stop();
  }
}
