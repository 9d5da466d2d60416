package dev.triagebot.bot.metrics;

import dev.triagebot.bot.index.IndexUpkeep;
import dev.triagebot.bot.queue.JobQueue;
import dev.triagebot.bot.review.Suggestions;
import dev.triagebot.classifier.catalog.Signature;
import dev.triagebot.classifier.catalog.SignatureCatalog;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * The service's own metrics and log context: gauges read from the store, the guard on {@code
 * /actuator/prometheus}, and the delivery keys in the log context of webhook requests. Counters and
 * timers live where each outcome is decided (ingress, the job worker, the GitHub client).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class MetricsConfiguration {

  @Bean
  StoreGauges storeGauges(
      SignatureCatalog catalog,
      JobQueue queue,
      ObjectProvider<IndexUpkeep> indexUpkeep,
      ObjectProvider<Suggestions> suggestions,
      Clock clock) {
    return new StoreGauges(
        catalog.signatures().stream().map(Signature::id).toList(),
        queue,
        () -> {
          IndexUpkeep upkeep = indexUpkeep.getIfAvailable();
          return upkeep == null ? 0 : upkeep.backlog();
        },
        suggestions.getIfAvailable(),
        clock);
  }

  @Bean
  FilterRegistrationBean<MetricsAccess> metricsAccess(MetricsProperties properties) {
    FilterRegistrationBean<MetricsAccess> registration =
        new FilterRegistrationBean<>(new MetricsAccess(properties.token()));
    registration.addUrlPatterns("/actuator/prometheus", "/actuator/prometheus/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    return registration;
  }
}
