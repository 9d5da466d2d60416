package dev.triagebot.bot.github;

import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.nio.file.Path;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How to reach and authenticate with GitHub, under {@code triage.github}: credentials and endpoint.
 * Secrets are never logged: {@link #toString()} redacts them.
 *
 * @param webhookSecret the secret GitHub signs deliveries with
 * @param appId the GitHub App id
 * @param privateKey the App's private key, PEM (PKCS#1 or PKCS#8)
 * @param privateKeyPath a file holding the private key, instead of {@code privateKey}
 * @param token a personal or installation token, instead of App credentials
 * @param apiUrl the REST API root, for GitHub Enterprise Server and tests
 */
public record GitHubProperties(
    String webhookSecret,
    Long appId,
    String privateKey,
    Path privateKeyPath,
    String token,
    @NotNull @DefaultValue("https://api.github.com") URI apiUrl) {

  /** Whether any way to write to GitHub is configured. */
  public boolean hasCredentials() {
    return present(token) || (appId != null && (present(privateKey) || privateKeyPath != null));
  }

  private static boolean present(String value) {
    return value != null && !value.isBlank();
  }

  @Override
  public String toString() {
    return "GitHub[apiUrl=%s, appId=%s, webhookSecret=%s, privateKey=%s, token=%s]"
        .formatted(
            apiUrl,
            appId,
            redacted(webhookSecret),
            redacted(privateKey) + (privateKeyPath == null ? "" : " (from file)"),
            redacted(token));
  }

  private static String redacted(String secret) {
    return present(secret) ? "***" : "unset";
  }
}
