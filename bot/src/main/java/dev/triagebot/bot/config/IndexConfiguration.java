package dev.triagebot.bot.config;

import dev.triagebot.bot.index.BackfillCheckpoints;
import dev.triagebot.bot.index.BackfillJobs;
import dev.triagebot.bot.index.BackfillTargets;
import dev.triagebot.bot.index.IndexUpkeep;
import dev.triagebot.bot.index.IndexUpkeepHealth;
import dev.triagebot.bot.index.KnownIssues;
import dev.triagebot.bot.index.ParkedIssues;
import dev.triagebot.bot.index.ReplicaName;
import dev.triagebot.bot.index.RepositoryIndexes;
import dev.triagebot.bot.queue.IngressActivity;
import dev.triagebot.bot.queue.JobWorkers;
import dev.triagebot.bot.retention.StorePruning;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Wires the similar-issue indexes (one per repository under {@code triage.data-dir}, derived from
 * the store's known issues by {@link IndexUpkeep}), the backfills that fill the store, and the
 * store's retention, all on one Spring scheduler of their own.
 */
@Configuration(proxyBeanMethods = false)
public class IndexConfiguration {
  /** How long a backfill's lease holds without a page stored; renewed with every page. */
  private static final Duration BACKFILL_LEASE = Duration.ofMinutes(2);

  /**
   * Upkeep, backfill and pruning each get a thread. Its tasks stop by their own flags (their
   * lifecycles stop first); shutting it down waits for them rather than interrupting Lucene.
   */
  @Bean
  ThreadPoolTaskScheduler indexTaskScheduler() {
    ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
    scheduler.setPoolSize(3);
    scheduler.setThreadNamePrefix("similar-index-");
    scheduler.setThreadPriority(JobWorkers.BACKGROUND_PRIORITY);
    scheduler.setWaitForTasksToCompleteOnShutdown(true);
    scheduler.setAwaitTerminationSeconds(60);
    scheduler.setAcceptTasksAfterContextClose(true);
    return scheduler;
  }

  /** Closed with the context: Spring calls {@code close()} on an AutoCloseable bean. */
  @Bean
  RepositoryIndexes repositoryIndexes(TriageProperties properties) {
    return new RepositoryIndexes(properties.dataDir());
  }

  @Bean
  KnownIssues knownIssues(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
    return new KnownIssues(jdbc, transactions);
  }

  @Bean
  ParkedIssues parkedIssues(JdbcTemplate jdbc, Clock clock) {
    return new ParkedIssues(jdbc, clock);
  }

  @Bean
  BackfillJobs backfillJobs(
      GitHubConnection github,
      JdbcTemplate jdbc,
      KnownIssues issues,
      PlatformTransactionManager transactions,
      @Qualifier("indexTaskScheduler") ThreadPoolTaskScheduler scheduler,
      TriageProperties properties,
      Clock clock) {
    return new BackfillJobs(
        new BackfillCheckpoints(jdbc, clock),
        new BackfillTargets(jdbc, properties.github().appId() != null),
        github::operations,
        issues,
        new TransactionTemplate(transactions),
        scheduler,
        ReplicaName.of(properties.dataDir()),
        properties.queue().pollInterval().multipliedBy(10),
        BACKFILL_LEASE,
        clock);
  }

  @Bean
  IndexUpkeepHealth indexUpkeepHealth(IndexUpkeep upkeep, ParkedIssues parked) {
    return new IndexUpkeepHealth(upkeep, parked);
  }

  @Bean
  IndexUpkeep indexUpkeep(
      KnownIssues issues,
      RepositoryIndexes indexes,
      ParkedIssues parked,
      @Qualifier("indexTaskScheduler") ThreadPoolTaskScheduler scheduler,
      TriageProperties properties,
      ObjectProvider<IngressActivity> ingress,
      Clock clock) {
    IndexUpkeep upkeep =
        new IndexUpkeep(
            issues,
            indexes,
            parked,
            ReplicaName.of(properties.dataDir()),
            scheduler,
            properties.queue().pollInterval(),
            clock);
    // Without a web server (the CLI) there is no ingress to hold for.
    ingress.ifAvailable(activity -> upkeep.holdWhile(activity::busy));
    return upkeep;
  }

  @Bean
  StorePruning storePruning(
      JdbcTemplate jdbc,
      @Qualifier("indexTaskScheduler") ThreadPoolTaskScheduler scheduler,
      TriageProperties properties,
      Clock clock) {
    return new StorePruning(jdbc, properties.retention(), scheduler, clock);
  }
}
