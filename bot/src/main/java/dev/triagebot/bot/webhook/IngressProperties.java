package dev.triagebot.bot.webhook;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * How much the webhook endpoint may hold at once, under {@code triage.ingress.*}.
 *
 * @param bodiesInFlight the bytes of webhook bodies all requests may hold in memory together; at
 *     least GitHub's 25 MB cap, so that one largest delivery always fits (GitHub declares its
 *     lengths; a body sent without one needs up to twice its size while its buffer grows)
 * @param retryAfter what the {@code Retry-After} of a 503 says when load is shed
 * @param maxInFlight deliveries being received and stored at once, or requests waiting for a web
 *     server thread, past which the next delivery is answered 503 at once, before its body is read.
 *     A delivery waiting for the store holds no request thread, so this may exceed the web server's
 *     threads. At 64, stalls of a tenth of a second shed 5–9 % of a 1,000-a-second burst on two
 *     cores, and those 503s came no sooner than the answers to deliveries taken; at 256 most such
 *     bursts were taken whole (scripts/WebhookLoad.java, 2026-12-02)
 * @param maxStoreWait how long the oldest delivery waiting for the store may have waited before new
 *     ones are answered 503 at once: the store is behind, and queueing more only makes every answer
 *     late
 * @param commitLinger while ingress is busy, how long after the first delivery of a batch was
 *     queued the group commit may wait for more before it commits (0 commits at once); unset, 4ms
 *     on H2, where fewer and larger commits cost the cores less during a burst, and 0 on
 *     PostgreSQL, where they did not
 */
@Validated
@ConfigurationProperties("triage.ingress")
public record IngressProperties(
    @NotNull @DefaultValue("64MB") DataSize bodiesInFlight,
    @NotNull @DefaultValue("5s") Duration retryAfter,
    @Min(1) @DefaultValue("256") int maxInFlight,
    @NotNull @DefaultValue("1s") Duration maxStoreWait,
    Duration commitLinger) {
  public IngressProperties {
    if (bodiesInFlight != null
        && (bodiesInFlight.toBytes() < WebhookHeaders.MAX_PAYLOAD_BYTES
            || bodiesInFlight.toBytes() >= Integer.MAX_VALUE)) {
      throw new IllegalArgumentException(
          "triage.ingress.bodies-in-flight must be from 25MB up to 2GB, not " + bodiesInFlight);
    }
  }
}
