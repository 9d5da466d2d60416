package dev.triagebot.bot.config;

import dev.triagebot.bot.repoconfig.RepositoryConfigParser;
import dev.triagebot.bot.repoconfig.RepositoryConfigs;
import dev.triagebot.classifier.catalog.Signature;
import dev.triagebot.classifier.catalog.SignatureCatalog;
import java.time.Clock;
import java.util.Set;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.stream.Collectors;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * Wires per-repository configuration: files validated against the loaded catalog, read through the
 * one GitHub client, cached in the store, refreshed after a push on a thread of their own.
 */
@Configuration(proxyBeanMethods = false)
public class RepositoryConfigConfiguration {

  @Bean
  RepositoryConfigs repositoryConfigs(
      JdbcClient jdbc,
      Clock clock,
      GitHubConnection github,
      SignatureCatalog catalog,
      TriageProperties properties,
      ThreadPoolTaskExecutor repositoryConfigRefreshes) {
    Set<String> ids =
        catalog.signatures().stream().map(Signature::id).collect(Collectors.toUnmodifiableSet());
    Set<String> labels =
        catalog.signatures().stream()
            .flatMap(signature -> signature.labels().stream())
            .collect(Collectors.toUnmodifiableSet());
    return new RepositoryConfigs(
        jdbc,
        clock,
        github::operations,
        new RepositoryConfigParser(ids, labels),
        properties.repoConfig().recheckAfter(),
        repositoryConfigRefreshes);
  }

  /**
   * One thread, a short queue, overflow dropped: a refresh only saves waiting, since the push
   * already marked the file to be read when next needed.
   */
  @Bean
  ThreadPoolTaskExecutor repositoryConfigRefreshes() {
    ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
    executor.setCorePoolSize(1);
    executor.setMaxPoolSize(1);
    executor.setQueueCapacity(64);
    executor.setThreadNamePrefix("repo-config-refresh-");
    executor.setRejectedExecutionHandler(new ThreadPoolExecutor.AbortPolicy());
    executor.setWaitForTasksToCompleteOnShutdown(false);
    return executor;
  }
}
