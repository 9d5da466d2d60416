package dev.triagebot.bot.queue;

import java.time.Instant;

/**
 * A job a worker holds the lease of, with the delivery to work on.
 *
 * @param id the job's number
 * @param attempts the attempt this is, counting from 1
 * @param leasedBy the worker holding the lease; only it may settle the job
 * @param delivery the stored delivery
 * @param kind what to do with the delivery
 * @param createdAt when the job was queued: the retry horizon counts from here
 * @param transientFailures how many earlier attempts failed only because GitHub was unavailable
 * @param reclaimed whether this claim took the job over from a worker whose lease expired
 */
public record ClaimedJob(
    long id,
    int attempts,
    String leasedBy,
    StoredDelivery delivery,
    JobKind kind,
    Instant createdAt,
    int transientFailures,
    boolean reclaimed) {

  /** A job as first claimed: queued now, never failed. */
  public ClaimedJob(long id, int attempts, String leasedBy, StoredDelivery delivery, JobKind kind) {
    this(id, attempts, leasedBy, delivery, kind, delivery.receivedAt(), 0, false);
  }

  /**
   * The attempts that count against {@code triage.queue.max-attempts}: all but those GitHub's
   * unavailability spoiled, which are bounded by the retry horizon instead.
   */
  public int countedAttempts() {
    return attempts - transientFailures;
  }
}
