package dev.triagebot.bot.github;

import dev.triagebot.bot.issue.IssueRef;
import dev.triagebot.bot.issue.RepositoryRef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.kohsuke.github.GHException;
import org.kohsuke.github.GHIssue;
import org.kohsuke.github.GHIssueComment;
import org.kohsuke.github.GHLabel;
import org.kohsuke.github.GHReaction;
import org.kohsuke.github.GHRepository;
import org.kohsuke.github.HttpException;
import org.kohsuke.github.ReactionContent;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link GitHubOperations} with {@code org.kohsuke:github-api}, as a GitHub App (an installation
 * token per event's installation) or with a fixed token.
 *
 * <p>github-api addresses an issue through objects it fetched ({@code GET /repos/{o}/{r}}, {@code
 * GET .../issues/{n}}, the comment list). Those objects are remembered, by reference, for routing
 * only — their data is never read back — so that one triage costs one fetch of each rather than one
 * per operation. A rejected request (e.g. 404 after a transfer) forgets them.
 */
public final class GitHubApiOperations implements GitHubOperations {
  private static final int PAGE_SIZE = 100;
  private static final int REMEMBERED = 1024;
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(TimeoutConnector.CONNECT_TIMEOUT).build();

  private final GitHubClients clients;
  private final RestReader rest;
  private final ContentsReader contents;
  private final Clock clock;
  private final Map<RepositoryRef, GHRepository> repositories = remembered();
  private final Map<IssueRef, GHIssue> issues = remembered();
  private final Map<IssueRef, Map<Long, GHIssueComment>> commentsSeen = remembered();
  private volatile String ownLogin;

  private GitHubApiOperations(GitHubClients clients, URI apiUrl, Clock clock) {
    this.clients = clients;
    this.rest = new RestReader(apiUrl, clock);
    this.contents = new ContentsReader(apiUrl, clock);
    this.clock = clock;
  }

  /**
   * From the deployment settings: App mode when an App id and key are set, token mode when a token
   * is. Settings that name both, or neither, are refused.
   */
  public static GitHubApiOperations connect(GitHubProperties settings, Clock clock) {
    boolean token = settings.token() != null && !settings.token().isBlank();
    boolean app = settings.appId() != null;
    if (token && app) {
      throw new IllegalStateException(
          "both triage.github.token and triage.github.app-id are set: choose token mode (a single"
              + " repository) or App mode, not both");
    }
    if (token) {
      return withToken(settings.apiUrl(), settings.token(), clock);
    }
    if (app) {
      return asApp(settings.apiUrl(), settings.appId(), privateKey(settings), clock);
    }
    throw new IllegalStateException(
        "no GitHub credentials: set TRIAGE_GITHUB_APP_ID with TRIAGE_GITHUB_PRIVATE_KEY_PATH (or"
            + " TRIAGE_GITHUB_PRIVATE_KEY), or TRIAGE_GITHUB_TOKEN");
  }

  /** Token mode, e.g. a personal access token for trying the bot on one repository. */
  public static GitHubApiOperations withToken(URI apiUrl, String token, Clock clock) {
    return new GitHubApiOperations(GitHubClients.token(apiUrl, token), apiUrl, clock);
  }

  /** App mode: JWT from the App's key, then an installation token per installation. */
  public static GitHubApiOperations asApp(
      URI apiUrl, long appId, PrivateKey privateKey, Clock clock) {
    return new GitHubApiOperations(
        GitHubClients.app(apiUrl, appId, privateKey, clock), apiUrl, clock);
  }

  /** App mode with a request timeout of its own, for tests of a GitHub slower than that. */
  public static GitHubApiOperations asApp(
      URI apiUrl, long appId, PrivateKey privateKey, Clock clock, Duration requestTimeout) {
    return new GitHubApiOperations(
        GitHubClients.app(apiUrl, appId, privateKey, clock, requestTimeout), apiUrl, clock);
  }

  /** Looked up once, on first need, from {@code GET /app} or {@code GET /user}. */
  @Override
  public String ownLogin() {
    String known = ownLogin;
    if (known == null) {
      try {
        known = clients.ownLogin();
      } catch (IOException failure) {
        throw GitHubFailures.translate("look up the bot's own login", failure, clock);
      }
      ownLogin = known;
    }
    return known;
  }

  private static PrivateKey privateKey(GitHubProperties settings) {
    if (settings.privateKey() != null && !settings.privateKey().isBlank()) {
      return PrivateKeyPem.parse(settings.privateKey());
    }
    if (settings.privateKeyPath() == null) {
      throw new IllegalStateException(
          "triage.github.app-id is set but no private key: set TRIAGE_GITHUB_PRIVATE_KEY_PATH"
              + " (or TRIAGE_GITHUB_PRIVATE_KEY)");
    }
    try {
      return PrivateKeyPem.parse(
          Files.readString(settings.privateKeyPath(), StandardCharsets.US_ASCII));
    } catch (IOException unreadable) {
      throw new IllegalStateException(
          "cannot read the private key file " + settings.privateKeyPath(), unreadable);
    }
  }

  @Override
  public Set<String> repositoryLabels(RepositoryRef repository) {
    return call(
        "list the labels of " + repository,
        repository,
        null,
        () -> {
          Set<String> names = new LinkedHashSet<>();
          for (GHLabel label : repository(repository).listLabels().withPageSize(PAGE_SIZE)) {
            names.add(label.getName());
          }
          return Collections.unmodifiableSet(names);
        });
  }

  @Override
  public List<IssueComment> comments(IssueRef issue) {
    return call(
        "list the comments on " + issue,
        issue.repository(),
        issue,
        () -> {
          List<GHIssueComment> listed =
              issue(issue).listComments().withPageSize(PAGE_SIZE).toList();
          Map<Long, GHIssueComment> byId = new LinkedHashMap<>();
          listed.forEach(comment -> byId.put(comment.getId(), comment));
          commentsSeen.put(issue, byId);
          return listed.stream().map(GitHubApiOperations::toComment).toList();
        });
  }

  @Override
  public void addLabels(IssueRef issue, Collection<String> labels) {
    if (labels.isEmpty()) {
      throw new IllegalArgumentException("no labels to add to " + issue);
    }
    call(
        "add labels to " + issue,
        issue.repository(),
        issue,
        () -> {
          // Fresh, not cached: the labels an earlier attempt added must show.
          GHIssue current = repository(issue.repository()).getIssue(issue.number());
          issues.put(issue, current);
          // A retried job must not add again what an earlier attempt already added.
          Set<String> present =
              current.getLabels().stream()
                  .map(label -> label.getName().toLowerCase(Locale.ROOT))
                  .collect(Collectors.toSet());
          String[] missing =
              labels.stream()
                  .filter(label -> !present.contains(label.toLowerCase(Locale.ROOT)))
                  .toArray(String[]::new);
          if (missing.length > 0) {
            current.addLabels(missing);
          }
          return null;
        });
  }

  @Override
  public IssueComment createComment(IssueRef issue, String body) {
    return call(
        "comment on " + issue,
        issue.repository(),
        issue,
        () -> {
          GHIssueComment created = issue(issue).comment(body);
          commentsSeen
              .computeIfAbsent(issue, key -> new LinkedHashMap<>())
              .put(created.getId(), created);
          return toComment(created);
        });
  }

  @Override
  public void updateComment(IssueRef issue, long commentId, String body) {
    call(
        "update comment " + commentId + " on " + issue,
        issue.repository(),
        issue,
        () -> {
          comment(issue, commentId).update(body);
          return null;
        });
  }

  @Override
  public void deleteComment(IssueRef issue, long commentId) {
    call(
        "delete comment " + commentId + " on " + issue,
        issue.repository(),
        issue,
        () -> {
          comment(issue, commentId).delete();
          Map<Long, GHIssueComment> seen = commentsSeen.get(issue);
          if (seen != null) {
            seen.remove(commentId);
          }
          return null;
        });
  }

  @Override
  public IssuePage listIssues(RepositoryRef repository, Instant since, int page) {
    if (page < 1) {
      throw new IllegalArgumentException("pages count from 1: " + page);
    }
    String query =
        "/repos/"
            + repository.fullName()
            + "/issues?state=all&sort=updated&direction=asc&per_page="
            + PAGE_SIZE
            + "&page="
            + page
            + (since == null ? "" : "&since=" + since);
    RestReader.Answer answer =
        renewingTokenOn401(
            repository.installationId(),
            () ->
                rest.get(
                    "list the issues of " + repository,
                    query,
                    clients.authorization(repository.installationId())));
    if (!answer.body().isArray()) {
      throw new GitHubUnavailableException(
          "list the issues of " + repository + ": GitHub's answer is not a list", null, null);
    }
    List<IssueJson.Read> items = new ArrayList<>();
    answer.body().forEach(item -> items.add(IssueJson.read(item)));
    String remaining = answer.header("x-ratelimit-remaining");
    String reset = answer.header("x-ratelimit-reset");
    return new IssuePage(
        items,
        remaining == null ? -1 : Integer.parseInt(remaining.trim()),
        reset == null ? null : Instant.ofEpochSecond(Long.parseLong(reset.trim())),
        IssuePage.lastPage(answer.header("link")));
  }

  @Override
  public List<AuthoredComment> authoredComments(IssueRef issue) {
    long installation = issue.repository().installationId();
    RestReader.Answer answer =
        renewingTokenOn401(
            installation,
            () ->
                rest.get(
                    "list the comments on " + issue,
                    "/repos/"
                        + issue.repository().fullName()
                        + "/issues/"
                        + issue.number()
                        + "/comments?per_page="
                        + PAGE_SIZE,
                    clients.authorization(installation)));
    List<AuthoredComment> comments = new ArrayList<>();
    for (com.fasterxml.jackson.databind.JsonNode comment : answer.body()) {
      com.fasterxml.jackson.databind.JsonNode user = comment.path("user");
      String login = user.path("login").asText("");
      comments.add(
          new AuthoredComment(
              comment.path("body").asText(""),
              login,
              comment.path("author_association").asText(null),
              "Bot".equalsIgnoreCase(user.path("type").asText()) || login.endsWith("[bot]")));
    }
    return comments;
  }

  @Override
  public void removeLabel(IssueRef issue, String label) {
    try {
      call(
          "remove label " + label + " from " + issue,
          issue.repository(),
          issue,
          () -> {
            issue(issue).removeLabel(label);
            return null;
          });
    } catch (GitHubRejectedException rejected) {
      // Already gone (a person removed it first): the goal is reached.
      if (rejected.status() != 404) {
        throw rejected;
      }
    }
  }

  @Override
  public void react(IssueRef issue, long commentId, String content) {
    call(
        "react " + content + " to comment " + commentId + " on " + issue,
        issue.repository(),
        issue,
        () -> comment(issue, commentId).createReaction(ReactionContent.forContent(content)));
  }

  @Override
  public List<Reaction> reactions(IssueRef issue, long commentId) {
    return call(
        "list the reactions to comment " + commentId + " on " + issue,
        issue.repository(),
        issue,
        () -> {
          List<Reaction> reactions = new java.util.ArrayList<>();
          for (GHReaction reaction :
              comment(issue, commentId).listReactions().withPageSize(PAGE_SIZE)) {
            String login = reaction.getUser() == null ? "" : reaction.getUser().getLogin();
            reactions.add(
                new Reaction(reaction.getContent().getContent(), login, login.endsWith("[bot]")));
          }
          return reactions;
        });
  }

  /**
   * github-api reads only the legacy {@code permission} of this endpoint, which calls the triage
   * role {@code read}; {@code role_name} needs the raw request.
   */
  @Override
  public String roleOf(RepositoryRef repository, String login) {
    return renewingTokenOn401(repository.installationId(), () -> roleOnce(repository, login));
  }

  private String roleOnce(RepositoryRef repository, String login) {
    String path =
        "/repos/"
            + repository.fullName()
            + "/collaborators/"
            + URLEncoder.encode(login, StandardCharsets.UTF_8)
            + "/permission";
    String what = "look up the role of " + login + " on " + repository;
    URI uri = URI.create(clients.apiUrl().toString().replaceAll("/+$", "") + path);
    try {
      HttpRequest request =
          HttpRequest.newBuilder(uri)
              .timeout(TimeoutConnector.REQUEST_TIMEOUT)
              .header("Accept", "application/vnd.github+json")
              .header("X-GitHub-Api-Version", "2022-11-28")
              .header(
                  "Authorization",
                  clients.authorization(repository.installationId()).getEncodedAuthorization())
              .GET()
              .build();
      HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() == 404) {
        return "none";
      }
      if (response.statusCode() / 100 != 2) {
        throw GitHubFailures.translate(
            what,
            new HttpException(
                "GitHub answered " + response.statusCode(),
                response.statusCode(),
                "",
                uri.toString()),
            clock);
      }
      JsonNode body = JSON.readTree(response.body());
      String role = body.path("role_name").asString("");
      return role.isBlank() ? body.path("permission").asString("none") : role;
    } catch (IOException failure) {
      throw GitHubFailures.translate(what, failure, clock);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new GitHubUnavailableException(what + ": interrupted", null, interrupted);
    }
  }

  @Override
  public RepositoryFile readFile(RepositoryRef repository, String path, String etag) {
    return renewingTokenOn401(
        repository.installationId(),
        () ->
            contents.read(
                repository, path, etag, clients.authorization(repository.installationId())));
  }

  private GHRepository repository(RepositoryRef ref) throws IOException {
    GHRepository known = repositories.get(ref);
    if (known == null) {
      known = clients.forInstallation(ref.installationId()).getRepository(ref.fullName());
      repositories.put(ref, known);
    }
    return known;
  }

  private GHIssue issue(IssueRef ref) throws IOException {
    GHIssue known = issues.get(ref);
    if (known == null) {
      known = repository(ref.repository()).getIssue(ref.number());
      issues.put(ref, known);
    }
    return known;
  }

  /** github-api can only address a comment it listed; list again if this one is not known. */
  private GHIssueComment comment(IssueRef issue, long commentId) throws IOException {
    Map<Long, GHIssueComment> seen = commentsSeen.get(issue);
    if (seen == null || !seen.containsKey(commentId)) {
      comments(issue);
      seen = commentsSeen.get(issue);
    }
    GHIssueComment comment = seen == null ? null : seen.get(commentId);
    if (comment == null) {
      throw new GitHubRejectedException(
          "comment " + commentId + " is not on " + issue + " (any more)", 404, null);
    }
    return comment;
  }

  private static IssueComment toComment(GHIssueComment comment) {
    // getUserName(), not getUser(): the latter fetches the user's profile.
    return new IssueComment(comment.getId(), comment.getBody(), comment.getUserName());
  }

  /**
   * Runs a github-api call; after a 401 the installation's token is thrown away and the call made
   * once more, at once, with a new one (a token can be revoked or rotated before it expires).
   */
  private <T> T call(String what, RepositoryRef repository, IssueRef issue, GitHubCall<T> action) {
    return renewingTokenOn401(
        repository.installationId(), () -> attempt(what, repository, issue, action));
  }

  /**
   * Makes a request; after a 401 the installation's token is thrown away and the request made once
   * more, at once, with a new one.
   */
  private <T> T renewingTokenOn401(long installationId, Supplier<T> request) {
    try {
      return request.get();
    } catch (GitHubRejectedException refused) {
      if (refused.status() != 401 || !clients.forgetToken(installationId)) {
        throw refused;
      }
      return request.get();
    }
  }

  private <T> T attempt(
      String what, RepositoryRef repository, IssueRef issue, GitHubCall<T> action) {
    try {
      return action.run();
    } catch (IOException failure) {
      throw forgetIfRejected(GitHubFailures.translate(what, failure, clock), repository, issue);
    } catch (GHException failure) {
      // Paged iteration wraps IOExceptions in this unchecked exception.
      IOException cause =
          failure.getCause() instanceof IOException io ? io : new IOException(failure);
      throw forgetIfRejected(GitHubFailures.translate(what, cause, clock), repository, issue);
    } catch (UncheckedIOException failure) {
      throw forgetIfRejected(
          GitHubFailures.translate(what, failure.getCause(), clock), repository, issue);
    }
  }

  private RuntimeException forgetIfRejected(
      RuntimeException failure, RepositoryRef repository, IssueRef issue) {
    if (failure instanceof GitHubRejectedException) {
      repositories.remove(repository);
      if (issue != null) {
        issues.remove(issue);
        commentsSeen.remove(issue);
      }
    }
    return failure;
  }

  private static <K, V> Map<K, V> remembered() {
    return Collections.synchronizedMap(
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
            return size() > REMEMBERED;
          }
        });
  }

  /** One github-api call, which may throw {@link IOException}. */
  @FunctionalInterface
  private interface GitHubCall<T> {
    T run() throws IOException;
  }
}
