package dev.triagebot.bot.webhook;

import dev.triagebot.bot.github.GitHubProperties;
import dev.triagebot.bot.triage.OperatingMode;
import java.nio.charset.StandardCharsets;

/**
 * The key that webhook deliveries are signed with. In dry-run without a configured secret this is
 * the fixed, documented development secret {@value #DEVELOPMENT_SECRET}, so that signatures are
 * still verified on a developer's machine. {@link #toString()} never shows the key.
 */
public final class WebhookSecret {
  /** Used only in dry-run when no secret is configured; documented in the README. */
  public static final String DEVELOPMENT_SECRET = "dev-secret";

  private final byte[] key;
  private final boolean development;

  private WebhookSecret(String secret, boolean development) {
    this.key = secret.getBytes(StandardCharsets.UTF_8);
    this.development = development;
  }

  /**
   * The configured secret; the development secret in dry-run when none is configured.
   *
   * @throws MissingWebhookSecretException outside dry-run when no secret is configured
   */
  public static WebhookSecret resolve(GitHubProperties github, OperatingMode mode) {
    String configured = github.webhookSecret();
    if (configured != null && !configured.isBlank()) {
      return new WebhookSecret(configured, false);
    }
    if (mode.dryRun()) {
      return new WebhookSecret(DEVELOPMENT_SECRET, true);
    }
    throw new MissingWebhookSecretException(mode);
  }

  /** The HMAC key bytes (UTF-8 of the secret); a copy. */
  public byte[] key() {
    return key.clone();
  }

  /** Whether this is the development secret rather than one configured. */
  public boolean development() {
    return development;
  }

  @Override
  public String toString() {
    return development ? "WebhookSecret[development]" : "WebhookSecret[***]";
  }
}
