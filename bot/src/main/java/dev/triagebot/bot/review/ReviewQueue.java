package dev.triagebot.bot.review;

/**
 * Where the review page hands its requests: to the job queue, implemented below ingress, so that
 * the page answers at once and the request runs as a job about its issue.
 */
public interface ReviewQueue {
  /**
   * Queues the request.
   *
   * @return the job's number
   */
  long enqueue(ReviewRequest request);
}
