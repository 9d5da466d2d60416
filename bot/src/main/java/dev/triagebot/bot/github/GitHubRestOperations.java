package dev.triagebot.bot.github;

import com.fasterxml.jackson.databind.JsonNode;
import dev.triagebot.bot.issue.Accounts;
import dev.triagebot.bot.issue.IssueRef;
import dev.triagebot.bot.issue.RepositoryRef;
import java.net.URI;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.http.HttpMethod;

/**
 * {@link GitHubOperations} over GitHub's REST API: each operation is one or two requests through
 * {@link GitHubHttp}, read into our own records.
 *
 * <p>Adding a call: a phrase for errors, the installation's authorization, a URI template and its
 * variables, e.g. {@code http.get("read " + issue, auth(issue), ISSUE, on(issue))} or, for a
 * listing, {@code http.getAllPages(..., ISSUE + "/events?per_page=100", on(issue))}. Each variable
 * is encoded whole, so nothing is escaped by hand.
 */
public final class GitHubRestOperations implements GitHubOperations {
  private static final String REPOSITORY = "/repos/{owner}/{repo}";
  private static final String ISSUE = REPOSITORY + "/issues/{number}";
  private static final String COMMENT = REPOSITORY + "/issues/comments/{id}";

  private final GitHubHttp http;
  private final GitHubCredentials credentials;
  private final ContentsReader contents;
  private volatile String ownLogin;

  private GitHubRestOperations(GitHubHttp http, GitHubCredentials credentials) {
    this.http = http;
    this.credentials = credentials;
    this.contents = new ContentsReader(http);
  }

  /**
   * From the deployment settings: App mode when an App id and key are set, token mode when a token
   * is. Settings that name both, or neither, are refused.
   *
   * @param calls where every request to GitHub is counted and timed
   */
  public static GitHubRestOperations connect(
      GitHubProperties settings, Clock clock, GitHubCalls calls) {
    GitHubHttp http = new GitHubHttp(settings.apiUrl(), GitHubHttp.REQUEST_TIMEOUT, clock, calls);
    return new GitHubRestOperations(http, GitHubCredentials.from(settings, http, clock));
  }

  /** Token mode, e.g. a personal access token for trying the bot on one repository. */
  public static GitHubRestOperations withToken(URI apiUrl, String token, Clock clock) {
    GitHubHttp http = new GitHubHttp(apiUrl, GitHubHttp.REQUEST_TIMEOUT, clock, GitHubCalls.NONE);
    return new GitHubRestOperations(http, new GitHubCredentials.FixedToken(token));
  }

  /** App mode: JWT from the App's key, then an installation token per installation. */
  public static GitHubRestOperations asApp(
      URI apiUrl, long appId, PrivateKey privateKey, Clock clock) {
    return asApp(apiUrl, appId, privateKey, clock, GitHubHttp.REQUEST_TIMEOUT);
  }

  /** App mode with a request timeout of its own, for tests of a GitHub slower than that. */
  public static GitHubRestOperations asApp(
      URI apiUrl, long appId, PrivateKey privateKey, Clock clock, Duration requestTimeout) {
    GitHubHttp http = new GitHubHttp(apiUrl, requestTimeout, clock, GitHubCalls.NONE);
    return new GitHubRestOperations(
        http, new GitHubCredentials.App(http, new AppJwt(appId, privateKey, clock), clock));
  }

  /** Looked up once, on first need. */
  @Override
  public String ownLogin() {
    String known = ownLogin;
    if (known == null) {
      known = credentials.ownLogin(http);
      ownLogin = known;
    }
    return known;
  }

  @Override
  public Set<String> repositoryLabels(RepositoryRef repository) {
    Set<String> names = new LinkedHashSet<>();
    http.getAllPages(
            "list the labels of " + repository,
            auth(repository),
            REPOSITORY + "/labels?per_page=100",
            in(repository))
        .forEach(label -> names.add(label.path("name").asText()));
    return Collections.unmodifiableSet(names);
  }

  @Override
  public List<IssueComment> comments(IssueRef issue) {
    return commentObjects(issue).stream().map(GitHubRestOperations::toComment).toList();
  }

  @Override
  public List<AuthoredComment> authoredComments(IssueRef issue) {
    return commentObjects(issue).stream()
        .map(
            comment -> {
              String login = comment.path("user").path("login").asText("");
              return new AuthoredComment(
                  comment.path("body").asText(""),
                  login,
                  comment.path("author_association").asText(null),
                  isBot(comment.path("user")));
            })
        .toList();
  }

  private List<JsonNode> commentObjects(IssueRef issue) {
    return http.getAllPages(
        "list the comments on " + issue, auth(issue), ISSUE + "/comments?per_page=100", on(issue));
  }

  @Override
  public void addLabels(IssueRef issue, Collection<String> labels) {
    if (labels.isEmpty()) {
      throw new IllegalArgumentException("no labels to add to " + issue);
    }
    // Read fresh: a retried job must not add again what an earlier attempt added and a person
    // has removed since.
    Set<String> present =
        toStream(
                http.get("read the labels on " + issue, auth(issue), ISSUE, on(issue))
                    .json()
                    .path("labels"))
            .map(label -> label.path("name").asText().toLowerCase(Locale.ROOT))
            .collect(Collectors.toSet());
    List<String> missing =
        labels.stream().filter(label -> !present.contains(label.toLowerCase(Locale.ROOT))).toList();
    if (!missing.isEmpty()) {
      http.send(
          "add labels to " + issue,
          auth(issue),
          HttpMethod.POST,
          Map.of("labels", missing),
          ISSUE + "/labels",
          on(issue));
    }
  }

  @Override
  public IssueComment createComment(IssueRef issue, String body) {
    JsonNode created =
        http.send(
                "comment on " + issue,
                auth(issue),
                HttpMethod.POST,
                Map.of("body", body),
                ISSUE + "/comments",
                on(issue))
            .json();
    return toComment(created);
  }

  @Override
  public void updateComment(IssueRef issue, long commentId, String body) {
    http.send(
        "update comment " + commentId + " on " + issue,
        auth(issue),
        HttpMethod.PATCH,
        Map.of("body", body),
        COMMENT,
        in(issue.repository(), commentId));
  }

  @Override
  public void deleteComment(IssueRef issue, long commentId) {
    http.send(
        "delete comment " + commentId + " on " + issue,
        auth(issue),
        HttpMethod.DELETE,
        null,
        COMMENT,
        in(issue.repository(), commentId));
  }

  @Override
  public IssuePage listIssues(RepositoryRef repository, Instant since, int page) {
    IssuesPage listed = issuesPage(repository, since, page);
    GitHubHttp.Answer answer = listed.answer();
    String remaining = answer.header("x-ratelimit-remaining");
    String reset = answer.header("x-ratelimit-reset");
    return new IssuePage(
        toStream(listed.items()).map(IssueJson::read).toList(),
        remaining == null ? -1 : Integer.parseInt(remaining.trim()),
        reset == null ? null : Instant.ofEpochSecond(Long.parseLong(reset.trim())),
        IssuePage.lastPage(answer.header("link")));
  }

  @Override
  public List<String> issuesAsJson(RepositoryRef repository, Instant since, int page) {
    return toStream(issuesPage(repository, since, page).items()).map(JsonNode::toString).toList();
  }

  /** {@code GET /repos/{o}/{r}/issues}, all states, least recently updated first; a list. */
  private IssuesPage issuesPage(RepositoryRef repository, Instant since, int page) {
    if (page < 1) {
      throw new IllegalArgumentException("pages count from 1: " + page);
    }
    String what = "list the issues of " + repository;
    String listing =
        REPOSITORY + "/issues?state=all&sort=updated&direction=asc&per_page=100&page={page}";
    GitHubHttp.Answer answer =
        since == null
            ? http.get(what, auth(repository), listing, in(repository, page))
            : http.get(
                what, auth(repository), listing + "&since={since}", in(repository, page, since));
    JsonNode items = answer.json();
    if (!items.isArray()) {
      throw new GitHubUnavailableException(what + ": GitHub's answer is not a list", null, null);
    }
    return new IssuesPage(items, answer);
  }

  private record IssuesPage(JsonNode items, GitHubHttp.Answer answer) {}

  @Override
  public void removeLabel(IssueRef issue, String label) {
    try {
      http.send(
          "remove label " + label + " from " + issue,
          auth(issue),
          HttpMethod.DELETE,
          null,
          ISSUE + "/labels/{name}",
          on(issue, label));
    } catch (GitHubRejectedException rejected) {
      // Already gone (a person removed it first): the goal is reached.
      if (rejected.status() != 404) {
        throw rejected;
      }
    }
  }

  @Override
  public void react(IssueRef issue, long commentId, String content) {
    http.send(
        "react " + content + " to comment " + commentId + " on " + issue,
        auth(issue),
        HttpMethod.POST,
        Map.of("content", content),
        COMMENT + "/reactions",
        in(issue.repository(), commentId));
  }

  @Override
  public List<Reaction> reactions(IssueRef issue, long commentId) {
    return http
        .getAllPages(
            "list the reactions to comment " + commentId + " on " + issue,
            auth(issue),
            COMMENT + "/reactions?per_page=100",
            in(issue.repository(), commentId))
        .stream()
        .map(
            reaction ->
                new Reaction(
                    reaction.path("content").asText(),
                    reaction.path("user").path("login").asText(""),
                    isBot(reaction.path("user"))))
        .toList();
  }

  @Override
  public String roleOf(RepositoryRef repository, String login) {
    JsonNode permission;
    try {
      permission =
          http.get(
                  "look up the role of " + login + " on " + repository,
                  auth(repository),
                  REPOSITORY + "/collaborators/{login}/permission",
                  in(repository, login))
              .json();
    } catch (GitHubRejectedException rejected) {
      if (rejected.status() == 404) {
        return "none";
      }
      throw rejected;
    }
    // role_name tells triage from read; the legacy permission calls both "read".
    String role = permission.path("role_name").asText("");
    return role.isBlank() ? permission.path("permission").asText("none") : role;
  }

  @Override
  public RepositoryFile readFile(RepositoryRef repository, String path, String etag) {
    return contents.read(repository, path, etag, auth(repository));
  }

  private GitHubHttp.Authorization auth(RepositoryRef repository) {
    return credentials.forInstallation(repository.installationId());
  }

  private GitHubHttp.Authorization auth(IssueRef issue) {
    return auth(issue.repository());
  }

  /** The variables of a template under {@link #REPOSITORY}: owner, name, then {@code more}. */
  private static Object[] in(RepositoryRef repository, Object... more) {
    String fullName = repository.fullName();
    int slash = fullName.indexOf('/');
    Object[] variables = new Object[2 + more.length];
    variables[0] = fullName.substring(0, slash);
    variables[1] = fullName.substring(slash + 1);
    System.arraycopy(more, 0, variables, 2, more.length);
    return variables;
  }

  /** The variables of a template under {@link #ISSUE}: owner, name, number, then {@code more}. */
  private static Object[] on(IssueRef issue, Object... more) {
    Object[] variables = new Object[1 + more.length];
    variables[0] = issue.number();
    System.arraycopy(more, 0, variables, 1, more.length);
    return in(issue.repository(), variables);
  }

  private static IssueComment toComment(JsonNode comment) {
    return new IssueComment(
        comment.path("id").asLong(),
        comment.path("body").asText(""),
        comment.path("user").path("login").asText(null));
  }

  private static boolean isBot(JsonNode user) {
    return Accounts.isBot(user.path("type").asText(null), user.path("login").asText(null));
  }

  private static java.util.stream.Stream<JsonNode> toStream(JsonNode array) {
    return java.util.stream.StreamSupport.stream(array.spliterator(), false);
  }
}
