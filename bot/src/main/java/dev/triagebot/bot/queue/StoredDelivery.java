package dev.triagebot.bot.queue;

import java.time.Instant;

/**
 * A webhook delivery as stored, verbatim, before GitHub got its answer.
 *
 * @param id GitHub's {@code X-GitHub-Delivery}
 * @param event GitHub's {@code X-GitHub-Event}
 * @param action the payload's {@code action}; null for events without one
 * @param installationId the App installation it came through; null when the payload names none
 * @param repository {@code owner/name}; null for events about no single repository
 * @param payload the raw request body, exactly as signed
 * @param receivedAt when ingress accepted it
 */
public record StoredDelivery(
    String id,
    String event,
    String action,
    Long installationId,
    String repository,
    byte[] payload,
    Instant receivedAt) {}
