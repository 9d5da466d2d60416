package dev.triagebot.bot.config;

import dev.triagebot.bot.triage.OperatingMode;
import dev.triagebot.bot.webhook.WebhookSecret;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Settings resolved once at start-up: the operating mode, announced in one loud line, and for the
 * service the webhook secret, whose absence outside dry-run stops the start.
 */
@Configuration(proxyBeanMethods = false)
public class StartupConfiguration {
  private static final Logger log = LoggerFactory.getLogger(StartupConfiguration.class);

  @Bean
  public OperatingMode operatingMode(TriageProperties properties) {
    OperatingMode mode = OperatingMode.resolve(properties.mode(), properties.github());
    if (mode.dryRun()) {
      log.warn(
          "==== triage-bot mode: DRY-RUN, plans are logged and nothing is written to GitHub."
              + " Why: {} ====",
          mode.reason());
    } else {
      log.warn("==== triage-bot mode: {}. Why: {} ====", mode.displayName(), mode.reason());
    }
    return mode;
  }

  /** Only the service needs the secret; store commands run without it. */
  @Bean
  @ConditionalOnWebApplication
  public WebhookSecret webhookSecret(TriageProperties properties, OperatingMode mode) {
    WebhookSecret secret = WebhookSecret.resolve(properties.github(), mode);
    if (secret.development()) {
      log.warn(
          "==== No webhook secret configured: verifying signatures with the DEVELOPMENT secret"
              + " '{}'. Dry-run only; set TRIAGE_GITHUB_WEBHOOK_SECRET for a real deployment ====",
          WebhookSecret.DEVELOPMENT_SECRET);
    }
    return secret;
  }
}
