package dev.triagebot.bot.index;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * {@code /actuator/health} component {@code indexUpkeep}: DOWN when the upkeep thread has died (the
 * index would silently stop following issues), with the backlog and the parked changes as details
 * either way.
 */
public class IndexUpkeepHealth implements HealthIndicator {
  private final IndexUpkeep upkeep;
  private final IndexChangeLog changes;

  public IndexUpkeepHealth(IndexUpkeep upkeep, IndexChangeLog changes) {
    this.upkeep = upkeep;
    this.changes = changes;
  }

  @Override
  public Health health() {
    Health.Builder health = upkeep.alive() ? Health.up() : Health.down();
    return health
        .withDetail("thread", upkeep.alive() ? "running" : "stopped")
        .withDetail("backlog", changes.backlog())
        .withDetail("parked", changes.parked().size())
        .build();
  }
}
