package dev.triagebot.bot.config;

import dev.triagebot.bot.review.DecideReview;
import dev.triagebot.bot.review.ExplainReply;
import dev.triagebot.bot.review.HandleReviewEvents;
import dev.triagebot.bot.review.Maintainers;
import dev.triagebot.bot.review.ReactionPolling;
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
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
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

  /** Polls reactions on a schedule while the service runs. */
  @Bean
  @ConditionalOnWebApplication
  SmartLifecycle reactionPollingSchedule(
      GitHubConnection github,
      Suggestions suggestions,
      ReviewActions actions,
      TriageProperties properties,
      Clock clock) {
    ReviewProperties settings = properties.review();
    return new SmartLifecycle() {
      private ScheduledExecutorService scheduler;

      @Override
      public void start() {
        if (!settings.reactionPolling() || github.operations().isEmpty()) {
          log.info(
              "reaction polling off ({}): 👎 on the bot's comments are not seen",
              settings.reactionPolling()
                  ? "no GitHub credentials"
                  : "triage.review.reaction-polling=false");
          scheduler = null;
          return;
        }
        ReactionPolling polling =
            new ReactionPolling(github.require(), suggestions, actions, settings, clock);
        scheduler =
            Executors.newSingleThreadScheduledExecutor(
                runnable -> {
                  Thread thread = new Thread(runnable, "reaction-polling");
                  thread.setDaemon(true);
                  return thread;
                });
        long every = Math.max(1000, settings.reactionPollInterval().toMillis());
        scheduler.scheduleWithFixedDelay(
            () -> {
              try {
                polling.pollIfDue();
              } catch (RuntimeException failure) {
                log.error("reaction polling failed; trying again next round", failure);
              }
            },
            every,
            every,
            TimeUnit.MILLISECONDS);
        log.info(
            "polling reactions every {}, at most {} comments a round",
            settings.reactionPollInterval(),
            settings.reactionPollMaxComments());
      }

      @Override
      public void stop() {
        if (scheduler != null) {
          scheduler.shutdownNow();
          scheduler = null;
        }
      }

      @Override
      public boolean isRunning() {
        return scheduler != null;
      }
    };
  }
}
