package dev.triagebot.bot.github;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.common.ConsoleNotifier;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A fake GitHub that remembers: comments posted on an issue are listed afterwards, PATCHed and
 * DELETEd, installation tokens are minted and can be revoked, and faults can be switched on and off
 * while a test runs — an outage (every request 503), a slow answer, a write applied whose answer is
 * lost (502), a single 401. WireMock on loopback, like {@link FakeGitHub}, with one transformer
 * holding the state.
 */
public final class StatefulGitHub implements AutoCloseable {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Pattern COMMENTS =
      Pattern.compile("/repos/([^/]+/[^/]+)/issues/(\\d+)/comments");
  private static final Pattern COMMENT =
      Pattern.compile("/repos/([^/]+/[^/]+)/issues/comments/(\\d+)");
  private static final Pattern ISSUE = Pattern.compile("/repos/([^/]+/[^/]+)/issues/(\\d+)");
  private static final Pattern LABELS =
      Pattern.compile("/repos/([^/]+/[^/]+)/issues/(\\d+)/labels");
  private static final Pattern REPO_LABELS = Pattern.compile("/repos/([^/]+/[^/]+)/labels");
  private static final Pattern REPO = Pattern.compile("/repos/([^/]+/[^/]+)");
  private static final Pattern INSTALLATION = Pattern.compile("/app/installations/(\\d+)");
  private static final Pattern TOKENS = Pattern.compile("/app/installations/(\\d+)/access_tokens");

  private final WireMockServer server;
  private final long appId;
  private final String[] repositoryLabels;

  /** Comments by issue ({@code owner/name#number}), oldest first. */
  private final Map<String, List<Map<String, Object>>> comments = new ConcurrentHashMap<>();

  private final Map<String, List<String>> labels = new ConcurrentHashMap<>();
  private final AtomicLong nextCommentId = new AtomicLong(9000);
  private final AtomicInteger tokensMinted = new AtomicInteger();
  private final Map<String, Boolean> validTokens = new ConcurrentHashMap<>();

  private volatile boolean outage;
  private volatile boolean tokensRefused;
  private volatile Duration delay = Duration.ZERO;
  private final AtomicInteger loseNextCommentAnswers = new AtomicInteger();
  private final AtomicInteger unauthorizedNext = new AtomicInteger();

  public StatefulGitHub(long appId, String... repositoryLabels) {
    this.appId = appId;
    this.repositoryLabels = repositoryLabels;
    server =
        new WireMockServer(
            options()
                .dynamicPort()
                .bindAddress("127.0.0.1")
                .containerThreads(40)
                .notifier(new ConsoleNotifier(false))
                .extensions(new State()));
    server.start();
    // One catch-all stub, so that the transformer answers every request.
    server.stubFor(
        com.github.tomakehurst.wiremock.client.WireMock.any(
                com.github.tomakehurst.wiremock.client.WireMock.anyUrl())
            .willReturn(
                com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(500)));
  }

  public URI apiUrl() {
    return URI.create(server.baseUrl());
  }

  /** Every request answers 503 while on (GitHub is down). */
  public void outage(boolean on) {
    outage = on;
  }

  /** Every answer takes this long. */
  public void slow(Duration delay) {
    this.delay = delay;
  }

  /** The next comment POST is applied, but answered 502 (the answer is lost on the way). */
  public void loseNextCommentAnswer() {
    loseNextCommentAnswers.incrementAndGet();
  }

  /** The next request made with an installation token answers 401. */
  public void unauthorizedOnce() {
    unauthorizedNext.incrementAndGet();
  }

  /** Every token minted so far stops working (revoked), as after a key rotation. */
  public void revokeTokens() {
    validTokens.replaceAll((token, valid) -> false);
  }

  /** Minting tokens is refused with 403 while on (installation suspended). */
  public void refuseTokens(boolean on) {
    tokensRefused = on;
  }

  /** Token mode: this fixed token works, and {@code GET /user} names the bot as its owner. */
  public void acceptToken(String token) {
    validTokens.put(token, true);
  }

  /** How many installation tokens were minted. */
  public int tokensMinted() {
    return tokensMinted.get();
  }

  /** The comments on an issue now, oldest first. */
  public List<IssueComment> comments(String repository, int number) {
    return comments.getOrDefault(repository + "#" + number, List.of()).stream()
        .map(
            c ->
                new IssueComment(
                    ((Number) c.get("id")).longValue(),
                    (String) c.get("body"),
                    (String) ((Map<?, ?>) c.get("user")).get("login")))
        .toList();
  }

  /** The labels on an issue now, in the order they were added. */
  public List<String> labels(String repository, int number) {
    return List.copyOf(labels.getOrDefault(repository + "#" + number, List.of()));
  }

  /** Puts a comment on an issue, as a person (or the bot) would. */
  public void addComment(String repository, int number, String author, String body) {
    comments
        .computeIfAbsent(
            repository + "#" + number, key -> new java.util.concurrent.CopyOnWriteArrayList<>())
        .add(comment(repository, number, nextCommentId.incrementAndGet(), author, body));
  }

  /** Every request, oldest first, as {@code METHOD /path}. */
  public List<String> requests() {
    List<ServeEvent> events = new ArrayList<>(server.getAllServeEvents());
    java.util.Collections.reverse(events);
    return events.stream()
        .map(
            e ->
                e.getRequest().getMethod().getName()
                    + " "
                    + URI.create(e.getRequest().getUrl()).getPath())
        .toList();
  }

  @Override
  public void close() {
    server.stop();
  }

  /** Answers every request from the state; nothing is stubbed. */
  private final class State implements ResponseDefinitionTransformerV2 {
    @Override
    public String getName() {
      return "stateful-github";
    }

    @Override
    public boolean applyGlobally() {
      return true;
    }

    @Override
    public ResponseDefinition transform(ServeEvent event) {
      Request request = event.getRequest();
      String method = request.getMethod().getName();
      String path = URI.create(request.getUrl()).getPath();
      ResponseDefinitionBuilder answer = answer(method, path, request);
      if (!delay.isZero()) {
        answer.withFixedDelay((int) delay.toMillis());
      }
      return answer.build();
    }

    private synchronized ResponseDefinitionBuilder answer(
        String method, String path, Request request) {
      if (outage) {
        return json(503, Map.of("message", "Service Unavailable"));
      }
      String authorization = String.valueOf(request.getHeader("Authorization"));
      Matcher m;
      if (path.equals("/app") && method.equals("GET")) {
        return json(200, FakeGitHub.app(appId));
      }
      if ((m = TOKENS.matcher(path)).matches() && method.equals("POST")) {
        if (tokensRefused) {
          return json(403, Map.of("message", "This installation has been suspended"));
        }
        String token = "ghs_" + tokensMinted.incrementAndGet();
        validTokens.put(token, true);
        return json(
            201,
            Map.of(
                "token",
                token,
                "expires_at",
                // Far off: in these tests a token is only renewed because GitHub refused it.
                "2099-01-01T00:00:00Z",
                "permissions",
                Map.of("issues", "write", "metadata", "read"),
                "repository_selection",
                "selected"));
      }
      if ((m = INSTALLATION.matcher(path)).matches() && method.equals("GET")) {
        return json(200, FakeGitHub.installation(appId, Long.parseLong(m.group(1))));
      }
      // Everything else acts for an installation.
      String token = authorization.replaceFirst("^(token|Bearer) ", "");
      if (!Boolean.TRUE.equals(validTokens.get(token))) {
        return json(401, Map.of("message", "Bad credentials"));
      }
      if (unauthorizedNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        return json(401, Map.of("message", "Bad credentials"));
      }
      if (path.equals("/user") && method.equals("GET")) {
        return json(200, FakeGitHub.user(FakeGitHub.BOT_LOGIN, "Bot"));
      }
      if ((m = COMMENTS.matcher(path)).matches()) {
        String key = m.group(1) + "#" + m.group(2);
        if (method.equals("GET")) {
          return json(200, comments.getOrDefault(key, List.of()));
        }
        if (method.equals("POST")) {
          String body = JSON.readTree(request.getBodyAsString()).path("body").asString();
          Map<String, Object> created =
              comment(
                  m.group(1),
                  Integer.parseInt(m.group(2)),
                  nextCommentId.incrementAndGet(),
                  FakeGitHub.BOT_LOGIN,
                  body);
          comments
              .computeIfAbsent(key, k -> new java.util.concurrent.CopyOnWriteArrayList<>())
              .add(created);
          if (loseNextCommentAnswers.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            return json(502, Map.of("message", "Bad Gateway"));
          }
          return json(201, created);
        }
      }
      if ((m = COMMENT.matcher(path)).matches()) {
        long id = Long.parseLong(m.group(2));
        for (List<Map<String, Object>> list : comments.values()) {
          for (Map<String, Object> comment : list) {
            if (((Number) comment.get("id")).longValue() == id) {
              if (method.equals("PATCH")) {
                comment.put(
                    "body", JSON.readTree(request.getBodyAsString()).path("body").asString());
                return json(200, comment);
              }
              if (method.equals("DELETE")) {
                list.remove(comment);
                return ResponseDefinitionBuilder.responseDefinition().withStatus(204);
              }
            }
          }
        }
        return json(404, Map.of("message", "Not Found"));
      }
      if ((m = LABELS.matcher(path)).matches() && method.equals("POST")) {
        String key = m.group(1) + "#" + m.group(2);
        List<String> now =
            labels.computeIfAbsent(key, k -> new java.util.concurrent.CopyOnWriteArrayList<>());
        for (JsonNode name : JSON.readTree(request.getBodyAsString()).path("labels")) {
          if (!now.contains(name.asString())) {
            now.add(name.asString());
          }
        }
        return json(200, now.stream().map(this::label).toList());
      }
      if ((m = ISSUE.matcher(path)).matches() && method.equals("GET")) {
        Map<String, Object> issue = FakeGitHub.issue(m.group(1), Integer.parseInt(m.group(2)));
        issue.put(
            "labels",
            labels
                .getOrDefault(m.group(0).substring(7).replace("/issues/", "#"), List.of())
                .stream()
                .map(this::label)
                .toList());
        return json(200, issue);
      }
      if ((m = REPO_LABELS.matcher(path)).matches() && method.equals("GET")) {
        return json(200, java.util.Arrays.stream(repositoryLabels).map(this::label).toList());
      }
      if ((m = REPO.matcher(path)).matches() && method.equals("GET")) {
        return json(200, FakeGitHub.repository(m.group(1)));
      }
      return json(404, Map.of("message", "Not Found"));
    }

    private Map<String, Object> label(String name) {
      Map<String, Object> label = new LinkedHashMap<>();
      label.put("id", Math.abs(name.hashCode()));
      label.put("node_id", "LA_kwDOAAAAAc8AAAAB");
      label.put("url", "https://api.github.com/labels/" + name);
      label.put("name", name);
      label.put("color", "f29513");
      label.put("default", false);
      return label;
    }
  }

  private static Map<String, Object> comment(
      String fullName, int number, long id, String author, String body) {
    return new LinkedHashMap<>(
        FakeGitHub.comment(fullName, number, new IssueComment(id, body, author)));
  }

  private static ResponseDefinitionBuilder json(int status, Object body) {
    return ResponseDefinitionBuilder.responseDefinition()
        .withStatus(status)
        .withHeader("Content-Type", "application/json; charset=utf-8")
        .withBody(JSON.writeValueAsString(body));
  }
}
