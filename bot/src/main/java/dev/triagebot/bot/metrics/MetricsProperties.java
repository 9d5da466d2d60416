package dev.triagebot.bot.metrics;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Who may read {@code /actuator/prometheus}, under {@code triage.metrics.*}.
 *
 * @param token the bearer token a scraper must send; unset (the default) keeps the endpoint closed
 */
@ConfigurationProperties("triage.metrics")
public record MetricsProperties(String token) {
  @Override
  public String toString() {
    return "MetricsProperties[token=" + (token == null || token.isBlank() ? "unset" : "***") + "]";
  }
}
