package dev.triagebot.bot.queue;

import java.time.Instant;

/**
 * A job as listed for people: its state and the delivery it came from, without the payload.
 *
 * @param id the job's number, as {@code retry-failed --job} takes it
 * @param deliveryId the delivery that created it
 * @param event the delivery's event
 * @param action the delivery's action
 * @param repository the delivery's repository
 * @param status where it stands
 * @param attempts how many times a worker has taken it
 * @param runAt when it is next due (queued jobs)
 * @param leaseUntil when a running job counts as abandoned
 * @param lastError the last failure, secrets removed; null when none
 * @param updatedAt when its state last changed
 */
public record Job(
    long id,
    String deliveryId,
    String event,
    String action,
    String repository,
    JobStatus status,
    int attempts,
    Instant runAt,
    Instant leaseUntil,
    String lastError,
    Instant updatedAt) {}
