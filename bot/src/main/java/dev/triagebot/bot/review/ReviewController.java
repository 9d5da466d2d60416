package dev.triagebot.bot.review;

import dev.triagebot.bot.repoconfig.ConfigProblem;
import dev.triagebot.bot.repoconfig.RepositoryConfigs;
import dev.triagebot.bot.triage.OperatingMode;
import dev.triagebot.classifier.catalog.FittedModel;
import dev.triagebot.classifier.catalog.Signature;
import dev.triagebot.classifier.catalog.SignatureCatalog;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The review page {@code /review}: pending suggestions with Accept and Reject, recent decisions,
 * statistics, and {@code /review/stats.json}. A button queues a {@link ReviewRequest} and the page
 * answers at once; a worker carries it out like a command ({@link ReviewActions}), one job per
 * issue at a time, retried if GitHub fails. Closed unless {@code triage.review.token} is set; then
 * open to a browser signed in with the token (an HttpOnly, SameSite=Strict session cookie, an
 * anti-forgery field of that session on every form, and an {@code Origin} that must be this host
 * when sent) or to a request with {@code Authorization: Bearer <token>}. Every answer forbids
 * scripts, framing and sniffing.
 */
@RestController
@ConditionalOnWebApplication
public class ReviewController {
  /** Who the page's actions are recorded as, and named as in the bot's comment. */
  static final String ACTOR = "review page";

  private static final int SHOWN = 50;
  private static final MediaType HTML =
      new MediaType("text", "html", java.nio.charset.StandardCharsets.UTF_8);

  private final ReviewAccess access;
  private final Suggestions suggestions;
  private final DecideReview decide;
  private final ReviewQueue queue;
  private final ReviewPage page = new ReviewPage();
  private final String mode;
  private final Map<String, LocalDate> fittedOn;
  private final ObjectProvider<RepositoryConfigs> repositoryConfigs;

  public ReviewController(
      ReviewProperties settings,
      Suggestions suggestions,
      DecideReview decide,
      ReviewQueue queue,
      OperatingMode mode,
      SignatureCatalog catalog,
      ObjectProvider<RepositoryConfigs> repositoryConfigs) {
    this.repositoryConfigs = repositoryConfigs;
    this.access = new ReviewAccess(settings.token());
    this.suggestions = suggestions;
    this.decide = decide;
    this.queue = queue;
    this.mode = mode.displayName();
    this.fittedOn = fittedOn(catalog);
  }

  /**
   * The day each signature with a fitted file was fitted: verdicts after it are news to a refit.
   */
  static Map<String, LocalDate> fittedOn(SignatureCatalog catalog) {
    Map<String, LocalDate> days = new TreeMap<>();
    for (Signature signature : catalog.signatures()) {
      signature.fitted().map(FittedModel::fittedOn).ifPresent(day -> days.put(signature.id(), day));
    }
    return Map.copyOf(days);
  }

  /** Every answer of the page, errors included, carries the headers that keep it to itself. */
  @ModelAttribute
  void securityHeaders(HttpServletResponse response) {
    response.setHeader("Content-Security-Policy", page.contentSecurityPolicy());
    response.setHeader("X-Frame-Options", "DENY");
    response.setHeader("X-Content-Type-Options", "nosniff");
    // Not no-referrer: with it, browsers send "Origin: null" on the page's own form POSTs.
    response.setHeader("Referrer-Policy", "same-origin");
    response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
  }

  /**
   * @param queued the suggestion whose request was just queued, named by the redirect after a
   *     button
   */
  @GetMapping("/review")
  public ResponseEntity<String> review(
      @RequestParam(name = "queued", required = false) Long queued, HttpServletRequest request) {
    if (!access.enabled()) {
      return disabled();
    }
    if (!signedIn(request)) {
      return html(HttpStatus.OK, page.login(false));
    }
    return html(
        HttpStatus.OK,
        page.render(
            suggestions.pending(SHOWN),
            suggestions.recentDecisions(SHOWN),
            suggestions.stats(fittedOn),
            access.formToken(sessionCookie(request)),
            mode,
            Optional.ofNullable(queued),
            configProblems()));
  }

  /** Repository configuration files not in force, and why. */
  private List<ConfigProblem> configProblems() {
    RepositoryConfigs configs = repositoryConfigs.getIfAvailable();
    return configs == null ? List.of() : configs.problems();
  }

  @PostMapping("/review/login")
  public ResponseEntity<String> login(
      @RequestParam(name = "token", required = false) String token, HttpServletRequest request) {
    if (!access.enabled()) {
      return disabled();
    }
    if (!sameOrigin(request)) {
      return crossOrigin();
    }
    if (!access.isToken(token)) {
      return html(HttpStatus.FORBIDDEN, page.login(true));
    }
    ResponseCookie cookie =
        ResponseCookie.from(ReviewAccess.COOKIE, access.newSession())
            .httpOnly(true)
            .secure(request.isSecure())
            .sameSite("Strict")
            .path("/review")
            .build();
    return ResponseEntity.status(HttpStatus.SEE_OTHER)
        .header(HttpHeaders.SET_COOKIE, cookie.toString())
        .location(URI.create("/review"))
        .build();
  }

  @PostMapping("/review/suggestions/{id}/accept")
  public ResponseEntity<String> accept(
      @PathVariable("id") long id,
      @RequestParam(name = "csrf", required = false) String csrf,
      HttpServletRequest request) {
    return act(
        request,
        csrf,
        id,
        s -> new ReviewRequest(s.id(), s.issue(), ReviewRequest.Verb.ACCEPT, ACTOR, ""));
  }

  @PostMapping("/review/suggestions/{id}/reject")
  public ResponseEntity<String> reject(
      @PathVariable("id") long id,
      @RequestParam(name = "csrf", required = false) String csrf,
      @RequestParam(name = "reason", required = false) String reason,
      HttpServletRequest request) {
    return act(
        request,
        csrf,
        id,
        s -> new ReviewRequest(s.id(), s.issue(), ReviewRequest.Verb.REJECT, ACTOR, reason));
  }

  @GetMapping("/review/stats.json")
  public ResponseEntity<?> stats(HttpServletRequest request) {
    // The error answers are text, like the page's; the statistics are JSON.
    if (!access.enabled()) {
      return disabled();
    }
    if (!signedIn(request)) {
      return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
          .contentType(MediaType.APPLICATION_JSON)
          .body(java.util.Map.of("error", "sign in at /review or send Authorization: Bearer"));
    }
    return ResponseEntity.ok(suggestions.stats(fittedOn));
  }

  private ResponseEntity<String> act(
      HttpServletRequest request, String csrf, long id, Function<Suggestion, ReviewRequest> asked) {
    if (!access.enabled()) {
      return disabled();
    }
    if (!sameOrigin(request)) {
      return crossOrigin();
    }
    boolean byBearer = access.bearer(request.getHeader(HttpHeaders.AUTHORIZATION));
    // A cookie rides along on any request the browser makes; the form field, drawn for this very
    // session, proves the page sent it.
    boolean byForm = access.isFormToken(sessionCookie(request), csrf);
    if (!byBearer && !byForm) {
      return text(HttpStatus.FORBIDDEN, "Forbidden: sign in at /review and use its buttons.");
    }
    Optional<Suggestion> suggestion = suggestions.find(id);
    if (suggestion.isEmpty()) {
      return text(HttpStatus.NOT_FOUND, "No suggestion " + id + ".");
    }
    ReviewRequest reviewRequest = asked.apply(suggestion.get());
    // Decided now to answer at once; the worker decides again on the suggestion as it then stands.
    if (decide.decide(suggestion.get(), reviewRequest).isEmpty()) {
      return text(
          HttpStatus.CONFLICT,
          "Suggestion " + id + " is " + suggestion.get().status().column() + " already.");
    }
    queue.enqueue(reviewRequest);
    return ResponseEntity.status(HttpStatus.SEE_OTHER)
        .location(URI.create("/review?queued=" + id))
        .build();
  }

  private boolean signedIn(HttpServletRequest request) {
    return signedInByCookie(request) || access.bearer(request.getHeader(HttpHeaders.AUTHORIZATION));
  }

  private boolean signedInByCookie(HttpServletRequest request) {
    return access.isSession(sessionCookie(request));
  }

  private static String sessionCookie(HttpServletRequest request) {
    Cookie[] cookies = request.getCookies();
    if (cookies == null) {
      return null;
    }
    return Arrays.stream(cookies)
        .filter(c -> c.getName().equals(ReviewAccess.COOKIE))
        .map(Cookie::getValue)
        .findFirst()
        .orElse(null);
  }

  /**
   * Whether a POST comes from this site: browsers send {@code Origin} with every form POST, and
   * when they do it must name the host the request was sent to. Without one (curl, a bearer client)
   * the other checks decide.
   */
  static boolean sameOrigin(HttpServletRequest request) {
    String origin = request.getHeader(HttpHeaders.ORIGIN);
    if (origin == null) {
      return true;
    }
    String host = request.getHeader(HttpHeaders.HOST);
    if (host == null) {
      host = request.getServerName() + ":" + request.getServerPort();
    }
    try {
      String authority = new URI(origin).getAuthority();
      return authority != null
          && withoutDefaultPort(authority).equalsIgnoreCase(withoutDefaultPort(host));
    } catch (URISyntaxException notAnOrigin) {
      return false;
    }
  }

  /**
   * A TLS-terminating proxy may pass on {@code Host} without the port the browser's origin implies;
   * 80 and 443 name no difference between them.
   */
  private static String withoutDefaultPort(String authority) {
    return authority.endsWith(":80") || authority.endsWith(":443")
        ? authority.substring(0, authority.lastIndexOf(':'))
        : authority;
  }

  private static ResponseEntity<String> crossOrigin() {
    return text(HttpStatus.FORBIDDEN, "Forbidden: this form was not sent from this site.");
  }

  private static ResponseEntity<String> disabled() {
    return text(
        HttpStatus.NOT_FOUND,
        "The review page is disabled: set triage.review.token (TRIAGE_REVIEW_TOKEN) to enable it.");
  }

  private static ResponseEntity<String> html(HttpStatus status, String body) {
    return ResponseEntity.status(status).contentType(HTML).body(body);
  }

  private static ResponseEntity<String> text(HttpStatus status, String body) {
    return ResponseEntity.status(status).contentType(MediaType.TEXT_PLAIN).body(body);
  }
}
