package dev.triagebot.bot.setup;

import dev.triagebot.bot.github.GitHubProperties;
import dev.triagebot.bot.webhook.WebhookController;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * {@code /setup}, open only while the service has no GitHub credentials: a page whose one button
 * posts the App manifest to GitHub (the manifest flow), and {@code /setup/created}, where GitHub
 * sends the browser back with a code that is traded for the App's credentials, which are stored and
 * put to use. The {@code state} sent to GitHub must come back, once, within the hour, to the
 * browser it was drawn for (a SameSite=Lax cookie, which GitHub's redirect carries). Every answer
 * forbids scripts, framing, sniffing, caching and referrers (the return address holds the code).
 */
@RestController
@ConditionalOnWebApplication
public class SetupController {
  static final String STATE_COOKIE = "triage_setup_state";
  static final String RETURN_PATH = "/setup/created";
  private static final Logger log = LoggerFactory.getLogger(SetupController.class);
  private static final MediaType HTML = new MediaType("text", "html", StandardCharsets.UTF_8);

  private final SetupProperties settings;
  private final GitHubProperties github;
  private final StoredAppCredentials stored;
  private final ServiceReload reload;
  private final SetupStates states;
  private final ManifestConversion conversion;
  private final AppManifest manifest = AppManifest.fromClasspath();
  private final SetupPage page = new SetupPage();

  public SetupController(
      SetupProperties settings,
      GitHubProperties github,
      StoredAppCredentials stored,
      ServiceReload reload,
      Clock clock) {
    this.settings = settings;
    this.github = github;
    this.stored = stored;
    this.reload = reload;
    this.states = new SetupStates(clock);
    this.conversion = new ManifestConversion(github.apiUrl());
    if (!configured()) {
      log.warn(
          "==== No GitHub credentials: open /setup on this service to create the GitHub App from"
              + " its manifest ====");
    }
  }

  /** Every answer, errors included, carries the headers that keep the page to itself. */
  @ModelAttribute
  void securityHeaders(HttpServletResponse response) {
    response.setHeader("Content-Security-Policy", page.contentSecurityPolicy(settings.githubUrl()));
    response.setHeader("X-Frame-Options", "DENY");
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("Referrer-Policy", "no-referrer");
    response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
  }

  @GetMapping("/setup")
  public ResponseEntity<String> setup(HttpServletRequest request) {
    if (configured()) {
      return html(HttpStatus.NOT_FOUND, page.closed());
    }
    URI webhookUrl =
        settings.webhookUrl() != null
            ? settings.webhookUrl()
            : ServletUriComponentsBuilder.fromContextPath(request)
                .path(WebhookController.PATH)
                .build()
                .toUri();
    URI returnUrl =
        ServletUriComponentsBuilder.fromContextPath(request).path(RETURN_PATH).build().toUri();
    String state = states.issue();
    ResponseCookie cookie =
        ResponseCookie.from(STATE_COOKIE, state)
            .httpOnly(true)
            .secure(request.isSecure())
            .sameSite("Lax")
            .path("/setup")
            .maxAge(SetupStates.LIFETIME)
            .build();
    return ResponseEntity.ok()
        .contentType(HTML)
        .header(HttpHeaders.SET_COOKIE, cookie.toString())
        .body(
            page.form(
                newAppAction(state),
                manifest.forDeployment(webhookUrl, returnUrl),
                webhookUrl,
                settings.organization()));
  }

  @GetMapping(RETURN_PATH)
  public ResponseEntity<String> created(
      @RequestParam(name = "code", required = false) String code,
      @RequestParam(name = "state", required = false) String state,
      HttpServletRequest request) {
    if (configured()) {
      return html(HttpStatus.NOT_FOUND, page.closed());
    }
    if (!sameValue(state, stateCookie(request)) || !states.redeem(state)) {
      return html(
          HttpStatus.BAD_REQUEST,
          page.problem(
              "This return from GitHub does not belong to a setup started in this browser within"
                  + " the hour. Start again at /setup."));
    }
    if (!ManifestConversion.looksLikeCode(code)) {
      return html(
          HttpStatus.BAD_REQUEST,
          page.problem("GitHub's answer has no valid code. Start again at /setup."));
    }
    try {
      stored.prepare();
    } catch (SetupFailure cannotStore) {
      log.error("Setup: {}", cannotStore.getMessage());
      return html(HttpStatus.INTERNAL_SERVER_ERROR, page.problem(cannotStore.getMessage()));
    }
    CreatedApp app;
    try {
      app = conversion.convert(code);
    } catch (SetupFailure refused) {
      log.warn("Setup: {}", refused.getMessage());
      return html(HttpStatus.BAD_GATEWAY, page.problem(refused.getMessage()));
    }
    try {
      stored.store(app);
    } catch (SetupFailure cannotStore) {
      log.error("Setup: {}", cannotStore.getMessage());
      return html(HttpStatus.INTERNAL_SERVER_ERROR, page.problem(cannotStore.getMessage()));
    }
    log.warn(
        "==== GitHub App {} (id {}) created from the manifest; credentials stored in {}. Next:"
            + " install it from {} ====",
        app.slug(),
        app.id(),
        stored.folder(),
        app.installUrl());
    // Without a webhook secret the service would refuse to start outside dry-run: no reload then.
    boolean reloading = settings.reload() && app.webhookSecret() != null && reload.reload();
    if (!reloading) {
      log.warn("==== Restart the service now to use the GitHub App's credentials ====");
    }
    return html(HttpStatus.OK, page.created(app, reloading));
  }

  /** Credentials set in the settings, or stored by an earlier setup. */
  private boolean configured() {
    return github.hasCredentials() || stored.exist();
  }

  private URI newAppAction(String state) {
    String root = settings.githubUrl().toString().replaceAll("/+$", "");
    String path =
        settings.organization() == null
            ? "/settings/apps/new"
            : "/organizations/" + settings.organization() + "/settings/apps/new";
    // The state is base64url, safe in a query as it is.
    return URI.create(root + path + "?state=" + state);
  }

  private static String stateCookie(HttpServletRequest request) {
    Cookie[] cookies = request.getCookies();
    if (cookies == null) {
      return null;
    }
    return Arrays.stream(cookies)
        .filter(c -> c.getName().equals(STATE_COOKIE))
        .map(Cookie::getValue)
        .findFirst()
        .orElse(null);
  }

  private static boolean sameValue(String given, String expected) {
    return given != null
        && expected != null
        && MessageDigest.isEqual(
            given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
  }

  private static ResponseEntity<String> html(HttpStatus status, String body) {
    return ResponseEntity.status(status).contentType(HTML).body(body);
  }
}
