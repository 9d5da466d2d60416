package dev.triagebot.bot.config;

import dev.triagebot.bot.index.BackfillCheckpoints;
import dev.triagebot.bot.index.BackfillJobs;
import dev.triagebot.bot.index.BackfillTargets;
import dev.triagebot.bot.index.IndexChangeLog;
import dev.triagebot.bot.index.IndexUpkeep;
import dev.triagebot.bot.index.IndexUpkeepHealth;
import dev.triagebot.bot.index.RepositoryIndexes;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Wires the similar-issue indexes: one per repository under {@code triage.data-dir}, kept current
 * by {@link IndexUpkeep} from the changes ingress records, closed with the application.
 */
@Configuration(proxyBeanMethods = false)
public class IndexConfiguration {

  /** Closed with the context: Spring calls {@code close()} on an AutoCloseable bean. */
  @Bean
  RepositoryIndexes repositoryIndexes(TriageProperties properties) {
    return new RepositoryIndexes(properties.dataDir());
  }

  @Bean
  IndexChangeLog indexChangeLog(JdbcTemplate jdbc, Clock clock) {
    return new IndexChangeLog(jdbc, clock);
  }

  @Bean
  BackfillJobs backfillJobs(
      RepositoryIndexes indexes,
      GitHubConnection github,
      JdbcTemplate jdbc,
      TriageProperties properties,
      Clock clock) {
    return new BackfillJobs(
        indexes,
        github::require,
        new BackfillCheckpoints(jdbc, clock),
        new BackfillTargets(jdbc, properties.github().appId() != null),
        clock);
  }

  @Bean
  IndexUpkeepHealth indexUpkeepHealth(IndexUpkeep upkeep, IndexChangeLog changes) {
    return new IndexUpkeepHealth(upkeep, changes);
  }

  @Bean
  IndexUpkeep indexUpkeep(
      IndexChangeLog changes, RepositoryIndexes indexes, TriageProperties properties, Clock clock) {
    return new IndexUpkeep(changes, indexes, properties.queue().pollInterval(), clock);
  }
}
