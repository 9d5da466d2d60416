package dev.triagebot.bot.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

/**
 * The one way the bot talks to GitHub's REST API: every request, whatever it is for, passes through
 * {@link #exchange}. That is where the timeouts, our {@code User-Agent}, GitHub's media type and
 * API version, authentication (and one renewal after a 401), following {@code Link: rel="next"}
 * across all pages, and sorting failures through {@link GitHubFailures} live. Metrics or tracing
 * attach here, as a {@code ClientHttpRequestInterceptor} on the {@link RestClient} built in the
 * constructor; {@link GitHubCalls} is one.
 *
 * <p>To add a call: give a URI template and its variables (Spring encodes each variable whole, so a
 * label {@code kind/bug} becomes {@code kind%2Fbug}), a phrase for errors ("list the labels of
 * o/r"), and the {@link Authorization} of the installation; see {@link GitHubRestOperations}.
 *
 * <p>A Spring {@link RestClient} rather than github-api: each github-api call the bot made needed a
 * workaround (fetching the repository and issue only to address them, a listing before a comment
 * could be edited, no {@code author_association}, {@code role_name} or {@code duplicate} state
 * reason, an unescaped label in a path, its own retries and sleeps to switch off). The JSON is read
 * with Jackson 2, the Jackson of {@link IssueJson}, which ingress shares.
 */
final class GitHubHttp {
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

  /** {@code triage-bot/<version>}, so that GitHub (and an Enterprise admin) can tell who calls. */
  static final String USER_AGENT = "triage-bot/" + buildVersion();

  /** A listing longer than this many pages is refused rather than read forever. */
  static final int MAX_PAGES = 1000;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final RestClient client;
  private final String root;
  private final Clock clock;

  GitHubHttp(URI apiUrl, Duration requestTimeout, Clock clock, GitHubCalls calls) {
    this.root = apiUrl.toString().replaceAll("/+$", "");
    this.clock = clock;
    HttpClient http =
        HttpClient.newBuilder()
            .connectTimeout(CONNECT_TIMEOUT)
            // No h2c upgrade on plain-HTTP endpoints (GitHub Enterprise behind a proxy, tests).
            .version(HttpClient.Version.HTTP_1_1)
            // A renamed repository answers 301 to its new address on the same API.
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
    JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(http);
    requests.setReadTimeout(requestTimeout);
    this.client =
        RestClient.builder()
            .baseUrl(root)
            .requestFactory(requests)
            .defaultHeader(HttpHeaders.USER_AGENT, USER_AGENT)
            .defaultHeader(HttpHeaders.ACCEPT, "application/vnd.github+json")
            .defaultHeader("X-GitHub-Api-Version", "2022-11-28")
            .requestInterceptor(measuredBy(calls))
            .build();
  }

  /** Every request on the wire, retries and renewals included, counted and timed. */
  private static ClientHttpRequestInterceptor measuredBy(GitHubCalls calls) {
    return (request, body, execution) -> {
      long started = System.nanoTime();
      try {
        ClientHttpResponse response = execution.execute(request, body);
        Map<String, List<String>> headers = new HashMap<>();
        response.getHeaders().forEach(headers::put);
        calls.answered(
            request.getMethod().name(),
            request.getURI(),
            response.getStatusCode().value(),
            headers,
            System.nanoTime() - started);
        return response;
      } catch (IOException noAnswer) {
        calls.unanswered(request.getMethod().name(), request.getURI(), System.nanoTime() - started);
        throw noAnswer;
      }
    };
  }

  /** The REST API root, e.g. {@code https://api.github.com}. */
  String root() {
    return root;
  }

  /** GETs one resource. */
  Answer get(String what, Authorization auth, String uriTemplate, Object... variables) {
    return exchange(what, auth, HttpMethod.GET, Target.of(uriTemplate, variables), null);
  }

  /**
   * GETs one resource unless it changed since the version whose ETag is given ({@code
   * If-None-Match}; none when null). A 304 (unchanged, no rate limit spent) and a 404 (not there)
   * are answers here, not failures.
   */
  Answer getIfChanged(
      String what, Authorization auth, String etag, String uriTemplate, Object... variables) {
    Target target = Target.of(uriTemplate, variables);
    Map<String, String> headers = etag == null ? Map.of() : Map.of(HttpHeaders.IF_NONE_MATCH, etag);
    Answer answer = once(what, auth, HttpMethod.GET, target, null, headers);
    if (answer.status() == 401 && auth.renew()) {
      answer = once(what, auth, HttpMethod.GET, target, null, headers);
    }
    if (answer.status() == 304 || answer.status() == 404) {
      return answer;
    }
    return checked(what, answer);
  }

  /** GETs every page of a listing, following {@code Link: rel="next"}; the items in order. */
  List<JsonNode> getAllPages(
      String what, Authorization auth, String uriTemplate, Object... variables) {
    List<JsonNode> items = new ArrayList<>();
    Set<URI> seen = new HashSet<>();
    Target next = Target.of(uriTemplate, variables);
    for (int page = 1; next != null; page++) {
      if (page > MAX_PAGES) {
        throw new GitHubUnavailableException(
            what + ": more than " + MAX_PAGES + " pages; refused", null, null);
      }
      Answer answer = exchange(what, auth, HttpMethod.GET, next, null);
      JsonNode body = answer.json();
      if (!body.isArray()) {
        throw new GitHubUnavailableException(what + ": GitHub's answer is not a list", null, null);
      }
      body.forEach(items::add);
      next = answer.next().filter(seen::add).map(Target::of).orElse(null);
    }
    return items;
  }

  /** Sends a request with a JSON body (or none, when {@code body} is null). */
  Answer send(
      String what,
      Authorization auth,
      HttpMethod method,
      Map<String, ?> body,
      String uriTemplate,
      Object... variables) {
    return exchange(what, auth, method, Target.of(uriTemplate, variables), body);
  }

  /**
   * Makes the request; after a 401 the credential is renewed (an installation token can be revoked
   * or rotated before it expires) and the request made once more, at once.
   *
   * @throws GitHubUnavailableException or {@link GitHubRejectedException} for any answer but 2xx
   */
  private Answer exchange(
      String what, Authorization auth, HttpMethod method, Target target, Map<String, ?> body) {
    Answer answer = once(what, auth, method, target, body, Map.of());
    if (answer.status() == 401 && auth.renew()) {
      answer = once(what, auth, method, target, body, Map.of());
    }
    return checked(what, answer);
  }

  private Answer checked(String what, Answer answer) {
    if (answer.status() / 100 != 2) {
      throw GitHubFailures.translate(what, answer.status(), answer.headers(), answer.text(), clock);
    }
    return answer;
  }

  private Answer once(
      String what,
      Authorization auth,
      HttpMethod method,
      Target target,
      Map<String, ?> body,
      Map<String, String> headers) {
    RestClient.RequestBodySpec request =
        target.absolute() == null
            ? client.method(method).uri(target.template(), target.variables())
            : client.method(method).uri(sameApi(what, target.absolute()));
    request.header(HttpHeaders.AUTHORIZATION, auth.header());
    headers.forEach(request::header);
    if (body != null) {
      request.contentType(MediaType.APPLICATION_JSON).body(toJson(body));
    }
    try {
      return request.exchange(
          (sent, response) ->
              new Answer(
                  response.getStatusCode().value(),
                  HttpHeaders.readOnlyHttpHeaders(response.getHeaders()),
                  readAll(response.getBody())));
    } catch (ResourceAccessException transport) {
      // No answer at all: refused, reset or timed out. The queue decides when to try again.
      throw GitHubFailures.noAnswer(
          what, transport.getCause() == null ? transport : transport.getCause());
    }
  }

  /** A {@code Link} from GitHub must not carry our token anywhere else. */
  private URI sameApi(String what, URI link) {
    if (!link.toString().startsWith(root + "/")) {
      throw new GitHubRejectedException(
          what + ": GitHub linked a page outside " + root + ": " + link, 0, null);
    }
    return link;
  }

  private static byte[] toJson(Map<String, ?> body) {
    try {
      return JSON.writeValueAsBytes(body);
    } catch (IOException unexpected) {
      throw new UncheckedIOException(unexpected);
    }
  }

  private static byte[] readAll(InputStream body) throws IOException {
    return body == null ? new byte[0] : body.readAllBytes();
  }

  private static String buildVersion() {
    Properties build = new Properties();
    try (InputStream in = GitHubHttp.class.getResourceAsStream("/triage-bot-build.properties")) {
      if (in != null) {
        build.load(in);
      }
    } catch (IOException unreadable) {
      // The version is only a courtesy in the User-Agent.
    }
    String version = build.getProperty("version", "");
    return version.isBlank() || version.startsWith("${") ? "dev" : version;
  }

  /** Where a request goes: a template with variables, or a link GitHub gave. */
  private record Target(String template, Object[] variables, URI absolute) {
    static Target of(String template, Object... variables) {
      return new Target(template, variables, null);
    }

    static Target of(URI link) {
      return new Target(null, null, link);
    }
  }

  /** How one request authenticates, and what to do when GitHub refuses that. */
  interface Authorization {
    /** The {@code Authorization} header's value. */
    String header();

    /**
     * Forgets a credential GitHub refused with 401.
     *
     * @return whether a new one may succeed, so the request is worth repeating once
     */
    default boolean renew() {
      return false;
    }
  }

  /** A successful answer: status, headers, body. */
  record Answer(int status, HttpHeaders headers, byte[] body) {
    /** The body as JSON. */
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException notJson) {
        throw new GitHubUnavailableException("GitHub's answer is not JSON", null, notJson);
      }
    }

    String text() {
      return new String(body, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** A header's first value, or null. */
    String header(String name) {
      return headers.getFirst(name);
    }

    /** The next page of a listing, from the {@code Link} header. */
    Optional<URI> next() {
      return LinkHeader.next(header(HttpHeaders.LINK));
    }
  }
}
