package dev.triagebot.bot.webhook;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a missing webhook secret into Spring Boot's short "what to set" report at start-up. */
public final class MissingWebhookSecretFailureAnalyzer
    extends AbstractFailureAnalyzer<MissingWebhookSecretException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, MissingWebhookSecretException cause) {
    return new FailureAnalysis(
        "triage-bot refuses to start: "
            + cause.mode().displayName()
            + " mode writes to GitHub, and without a webhook secret anyone could send it events.",
        "Set TRIAGE_GITHUB_WEBHOOK_SECRET (property triage.github.webhook-secret) to the secret"
            + " configured for the GitHub App's webhook, or set TRIAGE_MODE=dry-run to try the bot"
            + " with the development secret '"
            + WebhookSecret.DEVELOPMENT_SECRET
            + "'.",
        cause);
  }
}
