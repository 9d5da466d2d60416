package dev.triagebot.bot.config;

import dev.triagebot.bot.github.AppHookDeliveries;
import dev.triagebot.bot.github.GitHubCalls;
import dev.triagebot.bot.queue.DeliveryLog;
import dev.triagebot.bot.recovery.IssueReconciliation;
import dev.triagebot.bot.recovery.RecoverySchedule;
import dev.triagebot.bot.recovery.RedeliveryLog;
import dev.triagebot.bot.recovery.RedeliverySweep;
import dev.triagebot.bot.webhook.IngressOutcome;
import dev.triagebot.bot.webhook.MalformedPayloadException;
import dev.triagebot.bot.webhook.WebhookIngress;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * Wires the recovery of missed deliveries: the redelivery sweep and the reconciliation, scheduled
 * in the web service of a GitHub App ({@code triage.github.app-id} set) unless {@code
 * triage.recovery.enabled} is false. Token mode has no delivery log to read.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnWebApplication
@ConditionalOnProperty(name = "triage.github.app-id")
@ConditionalOnProperty(
    name = "triage.recovery.enabled",
    havingValue = "true",
    matchIfMissing = true)
public class RecoveryConfiguration {

  @Bean
  RedeliverySweep redeliverySweep(
      TriageProperties properties,
      DeliveryLog deliveries,
      JdbcTemplate jdbc,
      Clock clock,
      GitHubCalls calls) {
    return new RedeliverySweep(
        AppHookDeliveries.connect(properties.github(), clock, calls),
        deliveries,
        new RedeliveryLog(jdbc, clock),
        properties.recovery(),
        clock);
  }

  @Bean
  IssueReconciliation issueReconciliation(
      TriageProperties properties,
      JdbcTemplate jdbc,
      GitHubConnection github,
      WebhookIngress ingress,
      Clock clock) {
    return new IssueReconciliation(
        jdbc,
        github::require,
        (deliveryId, event, body) -> {
          try {
            return ingress.accept(deliveryId, event, body) instanceof IngressOutcome.Queued;
          } catch (MalformedPayloadException unreadable) {
            // Rebuilt from GitHub's own issue object: a refusal means GitHub's format moved.
            throw new IllegalStateException(
                "a rebuilt delivery was refused by ingress: " + unreadable.getMessage(),
                unreadable);
          }
        },
        properties.recovery(),
        clock);
  }

  /** One thread for the sweep and the reconciliation; a round in progress finishes on shutdown. */
  @Bean
  ThreadPoolTaskScheduler recoveryTaskScheduler() {
    ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
    scheduler.setPoolSize(1);
    scheduler.setThreadNamePrefix("recovery-");
    scheduler.setWaitForTasksToCompleteOnShutdown(true);
    scheduler.setAwaitTerminationSeconds(30);
    return scheduler;
  }

  @Bean
  RecoverySchedule recoverySchedule(
      @Qualifier("recoveryTaskScheduler") TaskScheduler scheduler,
      RedeliverySweep sweep,
      IssueReconciliation reconciliation,
      TriageProperties properties) {
    return new RecoverySchedule(scheduler, sweep, reconciliation, properties.recovery());
  }
}
