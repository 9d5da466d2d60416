package dev.triagebot.bot.queue;

/**
 * A job a worker holds the lease of, with the delivery to work on.
 *
 * @param id the job's number
 * @param attempts the attempt this is, counting from 1
 * @param leasedBy the worker holding the lease; only it may settle the job
 * @param delivery the stored delivery
 * @param kind what to do with the delivery
 */
public record ClaimedJob(
    long id, int attempts, String leasedBy, StoredDelivery delivery, JobKind kind) {}
