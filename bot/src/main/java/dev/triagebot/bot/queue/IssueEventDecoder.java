package dev.triagebot.bot.queue;

import dev.triagebot.bot.triage.IssueEvent;

/**
 * Rebuilds the issue event from a stored delivery; implemented at the webhook edge, the one place
 * that reads GitHub's payload format.
 */
public interface IssueEventDecoder {

  /**
   * Maps the stored payload to our own event.
   *
   * @throws IllegalArgumentException when the payload cannot be read as an issue event
   */
  IssueEvent decode(StoredDelivery delivery);
}
