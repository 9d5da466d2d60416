package dev.triagebot.bot.webhook;

/** What ingress did with a verified delivery; the controller turns it into a response. */
public sealed interface IngressOutcome {

  /**
   * Stored, with a job queued for the workers.
   *
   * @param jobId the job's number
   */
  record Queued(long jobId) implements IngressOutcome {}

  /**
   * Stored and applied at once (installation coverage).
   *
   * @param what a short description of the change
   */
  record Recorded(String what) implements IngressOutcome {}

  /**
   * Not something the bot acts on; nothing stored.
   *
   * @param reason why, for the response body
   */
  record Ignored(String reason) implements IngressOutcome {}

  /** A delivery with this id is already stored; nothing changed. */
  record Duplicate() implements IngressOutcome {}

  /**
   * Not read, let alone stored: ingress is past its limit and answers at once with 503 and {@code
   * Retry-After} rather than let the request wait past GitHub's 10 seconds. A delivery GitHub saw
   * fail is redelivered.
   *
   * @param reason which limit, for the response body
   */
  record Shed(String reason) implements IngressOutcome {}

  /** GitHub's {@code ping}. */
  record Pong() implements IngressOutcome {}
}
