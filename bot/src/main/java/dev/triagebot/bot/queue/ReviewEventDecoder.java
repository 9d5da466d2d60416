package dev.triagebot.bot.queue;

import dev.triagebot.bot.review.ReviewEvent;

/**
 * Rebuilds the review event (a comment, a label change) from a stored delivery; implemented at the
 * webhook edge, the one place that reads GitHub's payload format.
 */
public interface ReviewEventDecoder {

  /**
   * Maps the stored payload to our own event.
   *
   * @throws IllegalArgumentException when the payload cannot be read as a review event
   */
  ReviewEvent decodeReview(StoredDelivery delivery);
}
