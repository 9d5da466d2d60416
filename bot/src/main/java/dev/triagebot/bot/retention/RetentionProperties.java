package dev.triagebot.bot.retention;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long the store keeps what it only needs for a while, under {@code triage.retention}.
 *
 * @param deliveries stored deliveries and their finished jobs; at least 30 days, since a delivery
 *     id seen in the last 30 days must still be recognised as a redelivery
 * @param audit triage audit rows
 * @param indexChanges the similar-index change log of earlier versions and the issues a replica
 *     parked
 * @param interval how often each replica prunes
 */
public record RetentionProperties(
    @NotNull @DefaultValue("30d") Duration deliveries,
    @NotNull @DefaultValue("30d") Duration audit,
    @NotNull @DefaultValue("30d") Duration indexChanges,
    @NotNull @DefaultValue("1h") Duration interval) {

  /** Redeliveries within this window must find their id stored. */
  public static final Duration IDEMPOTENCY_WINDOW = Duration.ofDays(30);

  @ConstructorBinding
  public RetentionProperties {
    if (deliveries.compareTo(IDEMPOTENCY_WINDOW) < 0) {
      throw new IllegalArgumentException(
          "triage.retention.deliveries ("
              + deliveries
              + ") must be at least 30 days: a redelivered id must still be found, or the"
              + " delivery would be processed twice");
    }
    if (audit.isNegative()
        || indexChanges.isNegative()
        || interval.isNegative()
        || interval.isZero()) {
      throw new IllegalArgumentException(
          "triage.retention.audit and index-changes must not be negative, interval positive");
    }
  }
}
