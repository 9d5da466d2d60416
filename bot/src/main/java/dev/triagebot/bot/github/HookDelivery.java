package dev.triagebot.bot.github;

import java.time.Instant;

/**
 * One attempt GitHub made to deliver an event to the App's webhook, as its delivery log lists it.
 *
 * @param id the attempt's number, which a redelivery is asked for by
 * @param guid the event's {@code X-GitHub-Delivery}, shared by every attempt to deliver it
 * @param deliveredAt when GitHub made the attempt
 * @param redelivery whether the attempt was a redelivery
 * @param statusCode the HTTP status the webhook answered; 0 when GitHub got no answer
 * @param event the event's name, e.g. {@code issues}
 * @param action the event's action; null for events without one
 * @param installationId the installation it came through; null when none
 */
public record HookDelivery(
    long id,
    String guid,
    Instant deliveredAt,
    boolean redelivery,
    int statusCode,
    String event,
    String action,
    Long installationId) {

  /** Whether the webhook took it: GitHub counts 200–399 as success, anything else as failure. */
  public boolean succeeded() {
    return statusCode >= 200 && statusCode < 400;
  }
}
