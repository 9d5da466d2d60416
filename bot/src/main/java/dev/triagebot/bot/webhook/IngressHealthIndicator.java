package dev.triagebot.bot.webhook;

import dev.triagebot.bot.queue.IngressActivity;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Ingress in {@code /actuator/health} (as {@code ingress}): always UP, since shedding load is the
 * service working as designed, with the deliveries in flight, how long the oldest one has waited
 * for the store and how many were answered 503 since start.
 */
@Component("ingress")
@ConditionalOnWebApplication
class IngressHealthIndicator implements HealthIndicator {
  private final IngressActivity activity;
  private final GroupCommit store;
  private final LoadShedding shedding;

  IngressHealthIndicator(IngressActivity activity, GroupCommit store, LoadShedding shedding) {
    this.activity = activity;
    this.store = store;
    this.shedding = shedding;
  }

  @Override
  public Health health() {
    return Health.up()
        .withDetail("inFlight", activity.inFlight())
        .withDetail("oldestStoreWaitMillis", store.oldestWait().toMillis())
        .withDetail("shed", shedding.shed())
        .build();
  }
}
