package dev.triagebot.bot.webhook;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.springframework.http.ResponseEntity;

/**
 * Counts each webhook request by event and outcome ({@code triage.webhook.deliveries}) and times
 * its answer ({@code triage.webhook.acknowledgement}, a histogram: GitHub gives up after 10 s).
 * Tags come from fixed sets: the event only if the bot handles it, since headers of unsigned
 * requests are anyone's to choose.
 */
final class DeliveryMetrics {
  /** Buckets around GitHub's 10-second limit, fine below it where a healthy service answers. */
  private static final Duration[] BUCKETS = {
    Duration.ofMillis(5),
    Duration.ofMillis(10),
    Duration.ofMillis(25),
    Duration.ofMillis(50),
    Duration.ofMillis(100),
    Duration.ofMillis(250),
    Duration.ofMillis(500),
    Duration.ofSeconds(1),
    Duration.ofMillis(2500),
    Duration.ofSeconds(5),
    Duration.ofSeconds(10)
  };

  private final MeterRegistry registry;
  // The meters by tags, so that answering a delivery does not build and look up its meters again
  // (a builder, its tags and buckets per delivery showed in a profile of a burst).
  private final Map<String, Counter> deliveries = new ConcurrentHashMap<>();
  private final Map<String, Timer> acknowledgements = new ConcurrentHashMap<>();

  DeliveryMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /** Records one answered request. */
  void answered(String event, ResponseEntity<?> response, long nanos) {
    String outcome = outcome(response);
    String eventTag = eventTag(event);
    deliveries
        .computeIfAbsent(
            eventTag + ' ' + outcome,
            key ->
                Counter.builder("triage.webhook.deliveries")
                    .description("Webhook requests by event and outcome")
                    .tag("event", eventTag)
                    .tag("outcome", outcome)
                    .register(registry))
        .increment();
    acknowledgements
        .computeIfAbsent(
            outcome,
            key ->
                Timer.builder("triage.webhook.acknowledgement")
                    .description("Time to read, verify and store a webhook request and answer it")
                    .tag("outcome", outcome)
                    .serviceLevelObjectives(BUCKETS)
                    .register(registry))
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  /** The event if the bot knows it; a missing header or any other event is {@code other}. */
  static String eventTag(String event) {
    return event != null && (HandledEvents.handles(event) || HandledEvents.PING.equals(event))
        ? event
        : "other";
  }

  /**
   * What became of the request: what ingress did with an accepted delivery, or why it was refused.
   */
  static String outcome(ResponseEntity<?> response) {
    if (response.getBody() instanceof WebhookController.Reply reply) {
      return reply.status().equals("duplicate delivery") ? "duplicate" : reply.status();
    }
    return switch (response.getStatusCode().value()) {
      case 400 -> "malformed";
      case 401 -> "unauthorized";
      case 413 -> "too-large";
      case 503 -> "unavailable";
      default -> "refused";
    };
  }
}
