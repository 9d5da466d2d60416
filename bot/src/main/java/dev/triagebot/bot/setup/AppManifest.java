package dev.triagebot.bot.setup;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The App's registration, {@code config/github-app-manifest.json} as packaged in the jar, with this
 * deployment's webhook address and the address GitHub sends the browser back to.
 */
public final class AppManifest {
  static final String RESOURCE = "config/github-app-manifest.json";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final ObjectNode manifest;

  private AppManifest(ObjectNode manifest) {
    this.manifest = manifest;
  }

  /** The manifest packaged in the jar. */
  public static AppManifest fromClasspath() {
    try (InputStream in = AppManifest.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing from the classpath: " + RESOURCE);
      }
      return new AppManifest((ObjectNode) JSON.readTree(in));
    } catch (IOException unreadable) {
      throw new UncheckedIOException(unreadable);
    }
  }

  /**
   * The manifest as GitHub takes it in the form field {@code manifest}.
   *
   * @param webhookUrl where deliveries go, an absolute http(s) address
   * @param redirectUrl where GitHub sends the browser with the code, an absolute http(s) address
   */
  public String forDeployment(URI webhookUrl, URI redirectUrl) {
    ObjectNode filled = manifest.deepCopy();
    ((ObjectNode) filled.get("hook_attributes")).put("url", web(webhookUrl, "webhook URL"));
    filled.put("redirect_url", web(redirectUrl, "redirect URL"));
    return JSON.writeValueAsString(filled);
  }

  private static String web(URI address, String what) {
    String scheme = address.getScheme();
    if (!address.isAbsolute()
        || address.getHost() == null
        || !("https".equalsIgnoreCase(scheme) || "http".equalsIgnoreCase(scheme))) {
      throw new IllegalArgumentException(
          "the " + what + " must be an absolute http(s) address, not " + address);
    }
    return address.toString();
  }
}
