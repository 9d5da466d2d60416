package dev.triagebot.bot.budget;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps each installation's content-creating requests under {@link WriteBudgetProperties}: every
 * write is counted in the store ({@code github_write_count}) before it is made, so all replicas
 * share one budget. A write that would go over is refused with {@link Exhausted}, which says when
 * the budget has room again; the queue then defers the job to that time without counting an
 * attempt.
 *
 * <p>Hand-rolled rather than a rate-limiter library (Bucket4j, Resilience4j): those keep their
 * counts in memory or need a distributed cache; the budget must be shared through the one store
 * every replica already has. Writes are counted in 10-second buckets under a per-installation row
 * lock ({@code SELECT ... FOR UPDATE}, the same on H2 and PostgreSQL), and a bucket counts for the
 * whole of its 10 seconds, so the sliding minute and hour are never under-counted.
 */
public class WriteBudget {
  static final Duration BUCKET = Duration.ofSeconds(10);
  private static final Duration MINUTE = Duration.ofMinutes(1);
  private static final Duration HOUR = Duration.ofHours(1);

  private final JdbcTemplate jdbc;
  private final TransactionTemplate transaction;
  private final Clock clock;
  private final WriteBudgetProperties limits;
  private final Set<Long> lockRows = ConcurrentHashMap.newKeySet();
  private final AtomicLong deferrals = new AtomicLong();

  public WriteBudget(
      JdbcTemplate jdbc,
      TransactionTemplate transaction,
      Clock clock,
      WriteBudgetProperties limits) {
    this.jdbc = jdbc;
    this.transaction = transaction;
    this.clock = clock;
    this.limits = limits;
  }

  /** The budget was spent: no write for this installation before {@link #until()}. */
  public static final class Exhausted extends RuntimeException {
    private final long installationId;
    private final transient Instant until;

    Exhausted(long installationId, WriteBudgetProperties limits, Instant until) {
      super(
          "write budget of installation %d spent (%d a minute, %d an hour); writes again at %s"
              .formatted(installationId, limits.perMinute(), limits.perHour(), until));
      this.installationId = installationId;
      this.until = until;
    }

    public long installationId() {
      return installationId;
    }

    /** When the budget has room for a write again. */
    public Instant until() {
      return until;
    }
  }

  /**
   * Counts one content-creating request of the installation, to be made right after.
   *
   * @throws Exhausted when it would go over the minute's or the hour's budget; nothing is counted
   */
  public void spend(long installationId) {
    ensureLockRow(installationId);
    Instant refusedUntil = transaction.execute(status -> countOrRefuse(installationId));
    if (refusedUntil != null) {
      deferrals.incrementAndGet();
      throw new Exhausted(installationId, limits, refusedUntil);
    }
  }

  /**
   * Whether a job of the installation should wait before it starts: when the budget is spent, the
   * time it has room again, counted as a deferral. Read without the lock, as a cheap look that
   * spares GitHub the job's reads; {@link #spend} still decides each write.
   */
  public Optional<Instant> deferUntil(long installationId) {
    Instant now = clock.instant();
    Optional<Instant> until = Optional.ofNullable(roomAt(now, recent(installationId, now)));
    until.ifPresent(spent -> deferrals.incrementAndGet());
    return until;
  }

  /**
   * How many times this process deferred a job for the budget since it started ({@link #deferUntil}
   * and {@link #spend} refusals); for a metrics counter.
   */
  public long deferrals() {
    return deferrals.get();
  }

  private Instant countOrRefuse(long installationId) {
    jdbc.queryForObject(
        "SELECT installation_id FROM github_write_lock WHERE installation_id = ? FOR UPDATE",
        Long.class,
        installationId);
    Instant now = clock.instant();
    Instant refusedUntil = roomAt(now, recent(installationId, now));
    if (refusedUntil != null) {
      return refusedUntil;
    }
    OffsetDateTime bucket = column(bucketOf(now));
    int counted =
        jdbc.update(
            "UPDATE github_write_count SET writes = writes + 1"
                + " WHERE installation_id = ? AND bucket_start = ?",
            installationId,
            bucket);
    if (counted == 0) {
      // Under the installation's lock: no other writer can insert this bucket meanwhile.
      jdbc.update(
          "INSERT INTO github_write_count (installation_id, bucket_start, writes) VALUES (?, ?, 1)",
          installationId,
          bucket);
    }
    jdbc.update(
        "DELETE FROM github_write_count WHERE installation_id = ? AND bucket_start <= ?",
        installationId,
        column(now.minus(HOUR).minus(BUCKET)));
    return null;
  }

  private List<Bucket> recent(long installationId, Instant now) {
    return jdbc.query(
        "SELECT bucket_start, writes FROM github_write_count"
            + " WHERE installation_id = ? AND bucket_start > ? ORDER BY bucket_start",
        (rs, row) -> bucket(rs),
        installationId,
        column(now.minus(HOUR).minus(BUCKET)));
  }

  /** When both windows have room for one more write; null when they have now. */
  private Instant roomAt(Instant now, List<Bucket> recent) {
    return latest(
        roomAt(recent, now, MINUTE, limits.perMinute()),
        roomAt(recent, now, HOUR, limits.perHour()));
  }

  /**
   * When the window has room for one more write: null when it has room now, else when enough of its
   * oldest buckets have left it.
   */
  private static Instant roomAt(List<Bucket> recent, Instant now, Duration window, int limit) {
    Instant since = now.minus(window).minus(BUCKET);
    List<Bucket> inWindow = recent.stream().filter(b -> b.start().isAfter(since)).toList();
    int writes = inWindow.stream().mapToInt(Bucket::writes).sum();
    if (writes < limit) {
      return null;
    }
    for (Bucket oldest : inWindow) {
      writes -= oldest.writes();
      if (writes < limit) {
        return oldest.start().plus(window).plus(BUCKET);
      }
    }
    throw new IllegalStateException("limits are at least 1, so an empty window has room");
  }

  private static Instant latest(Instant a, Instant b) {
    if (a == null) {
      return b;
    }
    return b == null || a.isAfter(b) ? a : b;
  }

  private void ensureLockRow(long installationId) {
    if (lockRows.contains(installationId)) {
      return;
    }
    Integer present =
        jdbc.queryForObject(
            "SELECT COUNT(*) FROM github_write_lock WHERE installation_id = ?",
            Integer.class,
            installationId);
    if (present == null || present == 0) {
      try {
        // Outside the counting transaction: on PostgreSQL a refused insert spoils its transaction.
        jdbc.update("INSERT INTO github_write_lock (installation_id) VALUES (?)", installationId);
      } catch (DuplicateKeyException anotherReplicaWasFirst) {
        // The row exists, which is all that is needed.
      }
    }
    lockRows.add(installationId);
  }

  private static Instant bucketOf(Instant at) {
    long seconds = BUCKET.toSeconds();
    return Instant.ofEpochSecond(Math.floorDiv(at.getEpochSecond(), seconds) * seconds);
  }

  private record Bucket(Instant start, int writes) {}

  private static Bucket bucket(ResultSet rs) throws SQLException {
    return new Bucket(
        rs.getObject("bucket_start", OffsetDateTime.class).toInstant(), rs.getInt("writes"));
  }

  private static OffsetDateTime column(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }
}
