package dev.triagebot.bot.webhook;

import dev.triagebot.bot.triage.OperatingMode;

/** The bot would write to GitHub but could not verify who sends it webhooks. */
public final class MissingWebhookSecretException extends IllegalStateException {
  private final transient OperatingMode mode;

  public MissingWebhookSecretException(OperatingMode mode) {
    super(
        "No webhook secret configured in "
            + mode.displayName()
            + " mode: set TRIAGE_GITHUB_WEBHOOK_SECRET (triage.github.webhook-secret) to the"
            + " secret of the GitHub App's webhook, or run with TRIAGE_MODE=dry-run");
    this.mode = mode;
  }

  /** The mode that needed the secret. */
  public OperatingMode mode() {
    return mode;
  }
}
