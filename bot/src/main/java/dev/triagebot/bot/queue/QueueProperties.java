package dev.triagebot.bot.queue;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Retry and parking of jobs, under {@code triage.queue}.
 *
 * @param maxAttempts attempts before a job is parked as failed, counting only unexpected failures
 *     and workers that died mid-job; GitHub being unavailable is bounded by {@code retryHorizon}
 * @param initialBackoff the first retry delay; doubled each attempt, with jitter
 * @param maxBackoff the longest delay between attempts
 * @param workers how many jobs run at once
 * @param pollInterval how often idle workers look for due jobs
 * @param leaseTimeout how long a job stays leased to its worker without a heartbeat; a job of a
 *     killed process is taken up again this long after its last heartbeat
 * @param heartbeatInterval how often a running job's lease is renewed; well below {@code
 *     leaseTimeout}
 * @param retryHorizon how long, from its creation, a job is retried while GitHub is unavailable or
 *     refuses the installation's credentials before it is parked
 * @param breakerThreshold consecutive transient GitHub failures, across jobs, that pause the whole
 *     queue
 * @param breakerInitialPause the first pause of the queue; doubled after each failed probe
 * @param breakerMaxPause the longest pause between probes
 */
public record QueueProperties(
    @Min(1) @DefaultValue("8") int maxAttempts,
    @NotNull @DefaultValue("2s") Duration initialBackoff,
    @NotNull @DefaultValue("10m") Duration maxBackoff,
    @Min(1) @DefaultValue("2") int workers,
    @NotNull @DefaultValue("500ms") Duration pollInterval,
    @NotNull @DefaultValue("30s") Duration leaseTimeout,
    @NotNull @DefaultValue("10s") Duration heartbeatInterval,
    @NotNull @DefaultValue("24h") Duration retryHorizon,
    @Min(1) @DefaultValue("5") int breakerThreshold,
    @NotNull @DefaultValue("30s") Duration breakerInitialPause,
    @NotNull @DefaultValue("10m") Duration breakerMaxPause) {

  @ConstructorBinding
  public QueueProperties {
    if (heartbeatInterval.compareTo(leaseTimeout) >= 0) {
      throw new IllegalArgumentException(
          "triage.queue.heartbeat-interval ("
              + heartbeatInterval
              + ") must be shorter than triage.queue.lease-timeout ("
              + leaseTimeout
              + "), or leases of live workers lapse");
    }
  }

  /** The settings before leases had a heartbeat: a heartbeat every third of the lease. */
  public QueueProperties(
      int maxAttempts,
      Duration initialBackoff,
      Duration maxBackoff,
      int workers,
      Duration pollInterval,
      Duration leaseTimeout) {
    this(
        maxAttempts,
        initialBackoff,
        maxBackoff,
        workers,
        pollInterval,
        leaseTimeout,
        leaseTimeout.dividedBy(3),
        Duration.ofHours(24),
        5,
        Duration.ofSeconds(30),
        Duration.ofMinutes(10));
  }
}
