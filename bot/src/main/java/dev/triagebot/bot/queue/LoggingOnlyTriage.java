package dev.triagebot.bot.queue;

import dev.triagebot.bot.triage.IssueEvent;
import dev.triagebot.bot.triage.IssueTriage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stand-in used by the workers only while the application defines no {@link IssueTriage} bean: logs
 * what it would triage and does nothing else. Not a bean, so the real triage replaces it by simply
 * existing.
 */
final class LoggingOnlyTriage implements IssueTriage {
  private static final Logger log = LoggerFactory.getLogger(LoggingOnlyTriage.class);

  @Override
  public void triage(IssueEvent event) {
    log.info(
        "would triage {}#{} ({}, delivery {}): no IssueTriage is configured",
        event.issue().repository(),
        event.issue().number(),
        event.action(),
        event.deliveryId());
  }
}
