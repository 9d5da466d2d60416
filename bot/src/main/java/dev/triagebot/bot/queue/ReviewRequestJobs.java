package dev.triagebot.bot.queue;

import dev.triagebot.bot.review.ReviewQueue;
import dev.triagebot.bot.review.ReviewRequest;
import java.time.Clock;
import java.util.Locale;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Queues the review page's requests as review jobs about their issue, stored like a delivery (the
 * queue's unit of work) under an event name of our own that GitHub never sends. Being jobs about an
 * issue, they run one at a time with that issue's triage and comment jobs, on whichever worker or
 * replica, and are retried like them.
 */
@Component
public class ReviewRequestJobs implements ReviewQueue {
  /** The stored delivery's event: a request from the review page, never a GitHub webhook. */
  static final String EVENT = "triage_bot_review_request";

  private final DeliveryLog deliveries;
  private final JobQueue jobs;
  private final TransactionOperations transaction;
  private final WorkSignal signal;
  private final Clock clock;

  public ReviewRequestJobs(
      DeliveryLog deliveries,
      JobQueue jobs,
      TransactionOperations transaction,
      WorkSignal signal,
      Clock clock) {
    this.deliveries = deliveries;
    this.jobs = jobs;
    this.transaction = transaction;
    this.signal = signal;
    this.clock = clock;
  }

  @Override
  public long enqueue(ReviewRequest request) {
    String id = "review-request-" + UUID.randomUUID();
    StoredDelivery delivery =
        new StoredDelivery(
            id,
            EVENT,
            request.verb().name().toLowerCase(Locale.ROOT),
            request.issue().repository().installationId(),
            request.issue().repository().fullName(),
            request.toJson(),
            clock.instant());
    Long job =
        transaction.execute(
            status -> {
              deliveries.insert(delivery);
              return jobs.enqueue(
                  id,
                  JobKind.REVIEW,
                  request.issue().repository().fullName() + "#" + request.issue().number());
            });
    signal.signal();
    return job;
  }

  /** Whether a claimed review job carries a request of the review page. */
  static boolean isRequest(StoredDelivery delivery) {
    return EVENT.equals(delivery.event());
  }

  /** The request a review job carries. */
  static ReviewRequest request(StoredDelivery delivery) {
    return ReviewRequest.fromJson(delivery.payload());
  }
}
