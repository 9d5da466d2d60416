package dev.triagebot.bot.webhook;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Puts the webhook endpoint first in the servlet filter chain ({@link WebhookFilter}). */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class WebhookEndpointConfiguration {

  @Bean
  FilterRegistrationBean<WebhookFilter> webhookEndpoint(WebhookController controller) {
    FilterRegistrationBean<WebhookFilter> registration =
        new FilterRegistrationBean<>(new WebhookFilter(controller));
    registration.addUrlPatterns(WebhookController.PATH);
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    // A delivery waiting for the store is answered later, without holding its request thread.
    registration.setAsyncSupported(true);
    return registration;
  }
}
