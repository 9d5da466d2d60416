package dev.triagebot.bot.metrics;

import dev.triagebot.bot.queue.JobQueue;
import dev.triagebot.bot.review.ReviewStats;
import dev.triagebot.bot.review.Suggestions;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * Gauges read from the store, not from this process: queue depth, the oldest unfinished job's age,
 * parked jobs, the similar-issue index backlog, and each signature's suggestions and precision.
 * Every replica reports the same values, so dashboards take one replica's value (e.g. {@code max}),
 * never the sum. The store is read at most once a second however many gauges a scrape reads.
 */
final class StoreGauges implements MeterBinder {
  /** Long enough to serve one scrape from one read, short enough to never look stale. */
  private static final Duration FRESH = Duration.ofSeconds(1);

  private static final List<String> SUGGESTION_STATUSES =
      List.of("pending", "accepted", "rejected", "objected");

  private final List<String> signatures;
  private final Recent<JobQueue.Backlog> jobs;
  private final Recent<Integer> indexBacklog;
  private final Recent<ReviewStats> review;
  private final Clock clock;

  /**
   * @param signatures the catalog's signature ids, one set of suggestion gauges each
   * @param indexBacklog the stored issue changes this replica's index has not applied yet
   * @param suggestions the review store; null when review is off (no suggestion gauges)
   */
  StoreGauges(
      List<String> signatures,
      JobQueue queue,
      Supplier<Integer> indexBacklog,
      Suggestions suggestions,
      Clock clock) {
    this.signatures = List.copyOf(signatures);
    this.clock = clock;
    this.jobs = new Recent<>(queue::backlog, clock);
    this.indexBacklog = new Recent<>(indexBacklog, clock);
    this.review = suggestions == null ? null : new Recent<>(suggestions::stats, clock);
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    gauge("triage.queue.depth", "Jobs waiting to run or running", jobs, b -> b.queued())
        .tag("status", "queued")
        .register(registry);
    gauge("triage.queue.depth", "Jobs waiting to run or running", jobs, b -> b.running())
        .tag("status", "running")
        .register(registry);
    gauge(
            "triage.queue.oldest.age",
            "Seconds since the oldest queued or running job was queued; 0 when there is none",
            jobs,
            this::oldestAgeSeconds)
        .baseUnit("seconds")
        .register(registry);
    gauge("triage.jobs.parked", "Jobs parked for a person", jobs, b -> b.parked())
        .register(registry);
    gauge(
            "triage.index.backlog",
            "Stored issue changes this replica's similar-issue index has not applied yet",
            indexBacklog,
            Integer::doubleValue)
        .register(registry);
    if (review == null) {
      return;
    }
    for (String signature : signatures) {
      for (String status : SUGGESTION_STATUSES) {
        gauge(
                "triage.suggestions",
                "The bot's public suggestions not superseded, by signature and status",
                review,
                stats -> counts(stats, signature).map(c -> (double) count(c, status)).orElse(0.0))
            .tag("signature", signature)
            .tag("status", status)
            .register(registry);
      }
      gauge(
              "triage.suggestions.precision",
              "accepted / (accepted + rejected + objected); NaN before any decision",
              review,
              stats ->
                  counts(stats, signature)
                      .map(ReviewStats.Counts::precision)
                      .map(Double::doubleValue)
                      .orElse(Double.NaN))
          .tag("signature", signature)
          .register(registry);
    }
  }

  private double oldestAgeSeconds(JobQueue.Backlog backlog) {
    Instant oldest = backlog.oldestUnfinished();
    return oldest == null
        ? 0
        : Math.max(0, Duration.between(oldest, clock.instant()).toMillis()) / 1000.0;
  }

  private static Optional<ReviewStats.Counts> counts(ReviewStats stats, String signature) {
    return stats.signatures().stream().filter(c -> c.name().equals(signature)).findFirst();
  }

  private static int count(ReviewStats.Counts counts, String status) {
    return switch (status) {
      case "pending" -> counts.pending();
      case "accepted" -> counts.accepted();
      case "rejected" -> counts.rejected();
      default -> counts.objected();
    };
  }

  private static <T> Gauge.Builder<Recent<T>> gauge(
      String name, String description, Recent<T> source, ToDoubleFunction<T> value) {
    return Gauge.builder(name, source, recent -> value.applyAsDouble(recent.get()))
        .description(description)
        .strongReference(true);
  }

  /**
   * A store reading reused for {@link #FRESH}. Micrometer has no such cache, and a scrape reads
   * every gauge one after another: without it one scrape would run the same query per gauge.
   */
  private static final class Recent<T> {
    private final Supplier<T> read;
    private final Clock clock;
    private T value;
    private Instant readAt;

    Recent(Supplier<T> read, Clock clock) {
      this.read = read;
      this.clock = clock;
    }

    synchronized T get() {
      Instant now = clock.instant();
      if (readAt == null || !now.isBefore(readAt.plus(FRESH)) || now.isBefore(readAt)) {
        value = read.get();
        readAt = now;
      }
      return value;
    }
  }
}
