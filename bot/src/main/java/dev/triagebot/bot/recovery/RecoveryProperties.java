package dev.triagebot.bot.recovery;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Recovery of deliveries the service missed, under {@code triage.recovery} (App mode only).
 *
 * @param enabled whether the redelivery sweep and the reconciliation run at all
 * @param sweepInterval how often GitHub's delivery log is read for failed deliveries
 * @param sweepDelay how long after start-up the first sweep runs
 * @param lookback how far back the sweep reads the delivery log; GitHub redelivers up to 3 days
 * @param maxPages pages (100 deliveries each) the sweep reads per run, at most
 * @param maxRedeliveries redeliveries the sweep asks for per run, at most
 * @param reconcileInterval how often each repository's recent issues are compared with the store
 * @param quietPeriod the reconciliation only considers issues updated at least this long ago, so
 *     that webhooks in flight and the sweep's redeliveries land first; it also delays the first run
 * @param maxIssuesPerRun issues the reconciliation queues per repository and run, at most
 */
public record RecoveryProperties(
    @DefaultValue("true") boolean enabled,
    @NotNull @DefaultValue("5m") Duration sweepInterval,
    @NotNull @DefaultValue("30s") Duration sweepDelay,
    @NotNull @DefaultValue("72h") Duration lookback,
    @Min(1) @DefaultValue("10") int maxPages,
    @Min(1) @DefaultValue("50") int maxRedeliveries,
    @NotNull @DefaultValue("15m") Duration reconcileInterval,
    @NotNull @DefaultValue("10m") Duration quietPeriod,
    @Min(1) @DefaultValue("100") int maxIssuesPerRun) {}
