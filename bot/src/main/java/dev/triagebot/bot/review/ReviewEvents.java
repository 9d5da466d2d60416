package dev.triagebot.bot.review;

/**
 * Follows up one review event (runs a command, records an objection or a label change as feedback)
 * or one request from the review page. The queue's workers depend on this alone; like triage it is
 * safe to run again after a failure.
 */
public interface ReviewEvents {

  /**
   * Handles the event.
   *
   * @throws dev.triagebot.bot.github.GitHubUnavailableException when GitHub cannot be reached; the
   *     job is retried
   */
  void handle(ReviewEvent event);

  /**
   * Carries out a request queued by the review page.
   *
   * @throws dev.triagebot.bot.github.GitHubUnavailableException when GitHub cannot be reached; the
   *     job is retried
   */
  void carryOut(ReviewRequest request);
}
