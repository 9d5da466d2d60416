package dev.triagebot.bot.config;

import dev.triagebot.bot.github.GitHubProperties;
import dev.triagebot.bot.queue.QueueProperties;
import dev.triagebot.bot.review.ReviewProperties;
import dev.triagebot.bot.setup.SetupProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Hands each feature package its own part of {@link TriageProperties} as a bean, so that the
 * packages take the settings type they own and none imports this wiring package.
 */
@Configuration(proxyBeanMethods = false)
public class FeatureSettingsConfiguration {
  @Bean
  public GitHubProperties gitHubProperties(TriageProperties properties) {
    return properties.github();
  }

  @Bean
  public QueueProperties queueProperties(TriageProperties properties) {
    return properties.queue();
  }

  @Bean
  public ReviewProperties reviewProperties(TriageProperties properties) {
    return properties.review();
  }

  @Bean
  public SetupProperties setupProperties(TriageProperties properties) {
    return properties.setup();
  }
}
