package dev.triagebot.bot.config;

import dev.triagebot.bot.review.DecideReview;
import dev.triagebot.bot.review.ExplainReply;
import dev.triagebot.bot.review.HandleReviewEvents;
import dev.triagebot.bot.review.Maintainers;
import dev.triagebot.bot.review.ReactionPolling;
import dev.triagebot.bot.review.ReactionPollingSchedule;
import dev.triagebot.bot.review.RecordSuggestions;
import dev.triagebot.bot.review.ReviewActions;
import dev.triagebot.bot.review.ReviewEvents;
import dev.triagebot.bot.review.ReviewProperties;
import dev.triagebot.bot.review.Suggestions;
import dev.triagebot.bot.triage.IssueTriage;
import dev.triagebot.bot.triage.OperatingMode;
import dev.triagebot.bot.triage.PlanExecutor;
import dev.triagebot.bot.triage.TriageComment;
import dev.triagebot.bot.triage.TriagePolicy;
import dev.triagebot.classifier.catalog.SignatureCatalog;
import dev.triagebot.classifier.match.SignatureMatcher;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Wires maintainer review: the feedback store, the actions behind commands and the page, the
 * handler of comment and label events, and the reaction polling (only in the web service, and only
 * with GitHub credentials).
 */
@Configuration(proxyBeanMethods = false)
public class ReviewConfiguration {
  private static final Logger log = LoggerFactory.getLogger(ReviewConfiguration.class);

  @Bean
  Suggestions suggestions(JdbcClient jdbc, TransactionOperations transaction, Clock clock) {
    return new Suggestions(jdbc, transaction, clock);
  }

  @Bean
  DecideReview decideReview(SignatureCatalog catalog) {
    return new DecideReview(catalog, TriageComment.fromClasspath());
  }

  @Bean
  RecordSuggestions recordSuggestions(Suggestions suggestions) {
    return new RecordSuggestions(suggestions);
  }

  @Bean
  ReviewActions reviewActions(
      Suggestions suggestions,
      PlanExecutor executor,
      DecideReview decide,
      SignatureMatcher matcher,
      IssueTriage triage,
      OperatingMode mode,
      TriageProperties properties) {
    return new ReviewActions(
        suggestions,
        executor,
        decide,
        ExplainReply.fromClasspath(TriagePolicy.from(mode.mode(), properties.thresholds())),
        matcher::match,
        triage);
  }

  @Bean
  ReviewEvents reviewEvents(
      ReviewActions actions,
      Suggestions suggestions,
      GitHubConnection github,
      PlanExecutor executor,
      TriageProperties properties,
      Clock clock) {
    return new HandleReviewEvents(
        actions,
        suggestions,
        github
            .operations()
            .map(ops -> new Maintainers(ops, properties.review().permissionCacheTtl(), clock)),
        executor);
  }

  /** One thread for reaction polling; a round in progress finishes before the service stops. */
  @Bean
  @ConditionalOnWebApplication
  ThreadPoolTaskScheduler reviewTaskScheduler() {
    ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
    scheduler.setPoolSize(1);
    scheduler.setThreadNamePrefix("reaction-polling-");
    scheduler.setWaitForTasksToCompleteOnShutdown(true);
    scheduler.setAwaitTerminationSeconds(30);
    return scheduler;
  }

  /** Polls reactions on Spring's scheduler while the service runs, when it can. */
  @Bean
  @ConditionalOnWebApplication
  SmartLifecycle reactionPollingSchedule(
      GitHubConnection github,
      Suggestions suggestions,
      ReviewActions actions,
      TriageProperties properties,
      @Qualifier("reviewTaskScheduler") ThreadPoolTaskScheduler scheduler,
      Clock clock) {
    ReviewProperties settings = properties.review();
    if (!settings.reactionPolling() || github.operations().isEmpty()) {
      log.info(
          "reaction polling off ({}): 👎 on the bot's comments are not seen",
          settings.reactionPolling()
              ? "no GitHub credentials"
              : "triage.review.reaction-polling=false");
      return new ReactionPollingSchedule.Off();
    }
    log.info(
        "polling reactions every {}, at most {} comments a round",
        settings.reactionPollInterval(),
        settings.reactionPollMaxComments());
    return new ReactionPollingSchedule(
        () -> {
          ReactionPolling polling =
              new ReactionPolling(github.require(), suggestions, actions, settings, clock);
          return polling::pollIfDue;
        },
        scheduler,
        settings.reactionPollInterval(),
        clock);
  }
}
