package dev.triagebot.bot.setup;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders {@code templates/setup-page.html}: the button, the App created with the next step, setup
 * closed, or what went wrong. Every value is HTML-escaped; no credential is ever passed in.
 */
public final class SetupPage {
  private static final String TEMPLATE = "templates/setup-page.html";
  private static final Pattern STYLE = Pattern.compile("<style>(.*?)</style>", Pattern.DOTALL);

  private final String source = text();
  private final Template page =
      Mustache.compiler().escapeHTML(true).strictSections(true).compile(new StringReader(source));

  /**
   * No script at all, only the page's own style block (by hash), and forms that post only to this
   * service and to GitHub.
   */
  public String contentSecurityPolicy(URI githubUrl) {
    return "default-src 'none'; style-src "
        + styleHash()
        + "; form-action 'self' "
        + origin(githubUrl)
        + "; frame-ancestors 'none'; base-uri 'none'";
  }

  /** The page with the button that posts the manifest to {@code action}. */
  public String form(URI action, String manifest, URI webhookUrl, String organization) {
    Map<String, Object> form = new HashMap<>();
    form.put("action", action.toString());
    form.put("manifest", manifest);
    form.put("webhookUrl", webhookUrl.toString());
    form.put("hasOrganization", organization != null);
    form.put("organization", organization == null ? "" : organization);
    return render(Map.of("form", form));
  }

  /** The App exists: the next step, and whether the service reloads by itself. */
  public String created(CreatedApp app, boolean reloading) {
    Map<String, Object> created = new HashMap<>();
    created.put("slug", app.slug());
    created.put("appId", app.id());
    created.put("hasOwner", !app.owner().isBlank());
    created.put("owner", app.owner());
    created.put("installUrl", app.installUrl().toString());
    created.put("reloading", reloading);
    created.put("noWebhookSecret", app.webhookSecret() == null);
    return render(Map.of("created", created));
  }

  /** Credentials exist, so there is nothing to set up. */
  public String closed() {
    return render(Map.of("closed", true));
  }

  /** What went wrong, as the operator should read it. */
  public String problem(String message) {
    return render(Map.of("problem", Map.of("message", message)));
  }

  private String render(Map<String, Object> shown) {
    Map<String, Object> model = new HashMap<>();
    model.put("form", false);
    model.put("created", false);
    model.put("closed", false);
    model.put("problem", false);
    model.putAll(shown);
    return page.execute(model);
  }

  private static String origin(URI url) {
    return url.getScheme() + "://" + url.getRawAuthority();
  }

  private String styleHash() {
    Matcher style = STYLE.matcher(source);
    if (!style.find()) {
      throw new IllegalStateException("no <style> block in " + TEMPLATE);
    }
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(style.group(1).getBytes(StandardCharsets.UTF_8));
      return "'sha256-" + Base64.getEncoder().encodeToString(digest) + "'";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  private static String text() {
    try (InputStream in = SetupPage.class.getClassLoader().getResourceAsStream(TEMPLATE)) {
      if (in == null) {
        throw new IllegalStateException("template missing from the classpath: " + TEMPLATE);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException unreadable) {
      throw new UncheckedIOException(unreadable);
    }
  }
}
