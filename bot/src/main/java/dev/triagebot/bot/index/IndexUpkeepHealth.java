package dev.triagebot.bot.index;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * {@code /actuator/health} component {@code indexUpkeep}: DOWN when this replica's upkeep stopped
 * on an error (its indexes would silently stop following the store), with its name, its backlog and
 * the rows it parked as details either way.
 */
public class IndexUpkeepHealth implements HealthIndicator {
  private final IndexUpkeep upkeep;
  private final ParkedIssues parked;

  public IndexUpkeepHealth(IndexUpkeep upkeep, ParkedIssues parked) {
    this.upkeep = upkeep;
    this.parked = parked;
  }

  @Override
  public Health health() {
    Health.Builder health = upkeep.alive() ? Health.up() : Health.down();
    return health
        .withDetail("replica", upkeep.replica())
        .withDetail("rounds", upkeep.alive() ? "scheduled" : "stopped")
        .withDetail("backlog", upkeep.backlog())
        .withDetail("parked", parked.of(upkeep.replica()).size())
        .build();
  }
}
