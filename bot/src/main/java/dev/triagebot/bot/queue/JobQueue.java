package dev.triagebot.bot.queue;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The durable job queue in {@code triage_job}. Workers of several processes may share one database:
 * a job is claimed by a conditional {@code UPDATE} that only one of them can win, which behaves the
 * same on H2 and PostgreSQL, and only the lease holder may settle it afterwards.
 */
@Component
public class JobQueue {
  /** Due jobs fetched per claim; a worker that loses a race moves on to the next one. */
  private static final int CANDIDATES = 8;

  static final String QUEUED_DUE = "status = 'queued' AND run_at <= ?";
  static final String LEASE_LAPSED = "status = 'running' AND lease_until <= ?";
  private static final String DUE = "((" + QUEUED_DUE + ") OR (" + LEASE_LAPSED + "))";

  private static final String JOB_COLUMNS =
      "j.id, j.delivery_id, d.event, d.action, d.repository, j.status, j.attempts, j.run_at,"
          + " j.lease_until, j.last_error, j.updated_at";

  private final JdbcTemplate jdbc;
  private final Clock clock;

  public JobQueue(JdbcTemplate jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /**
   * Queues a job for a stored delivery, due now. Call it in the transaction that stored the
   * delivery.
   *
   * @return the job's number
   */
  public long enqueue(String deliveryId) {
    return enqueue(deliveryId, JobKind.TRIAGE);
  }

  /**
   * Queues a job of this kind for a stored delivery, due now. Call it in the transaction that
   * stored the delivery.
   *
   * @return the job's number
   */
  public long enqueue(String deliveryId, JobKind kind) {
    return enqueue(deliveryId, kind, null);
  }

  /**
   * Queues a job about one issue, due now: no two jobs about the same issue run at once, on any
   * worker or replica, so two events of one issue never race to post the bot's comment.
   *
   * @param issueKey {@code owner/name#number}; null for a job about no single issue
   * @return the job's number
   */
  public long enqueue(String deliveryId, JobKind kind, String issueKey) {
    return enqueueAll(List.of(new NewJob(deliveryId, kind, issueKey))).get(deliveryId);
  }

  /**
   * A job to queue.
   *
   * @param deliveryId its stored delivery
   * @param kind what it does
   * @param issueKey {@code owner/name#number}; null for a job about no single issue
   */
  public record NewJob(String deliveryId, JobKind kind, String issueKey) {}

  /**
   * Queues jobs in one JDBC batch, due now, for ingress's group commit. Call it in the transaction
   * that stored their deliveries.
   *
   * @return each job's number by its delivery id
   */
  public Map<String, Long> enqueueAll(List<NewJob> batch) {
    if (batch.isEmpty()) {
      return Map.of();
    }
    var now = Timestamps.toColumn(clock.instant());
    jdbc.batchUpdate(
        "INSERT INTO triage_job (delivery_id, kind, status, attempts, run_at, created_at,"
            + " updated_at, issue_key) VALUES (?, ?, 'queued', 0, ?, ?, ?, ?)",
        batch.stream()
            .map(
                job ->
                    new Object[] {
                      job.deliveryId(), job.kind().column(), now, now, now, job.issueKey()
                    })
            .toList());
    List<String> deliveryIds = batch.stream().map(NewJob::deliveryId).toList();
    Map<String, Long> ids = new HashMap<>();
    jdbc.query(
        "SELECT id, delivery_id FROM triage_job WHERE delivery_id IN ("
            + DeliveryLog.placeholders(deliveryIds)
            + ")",
        rs -> {
          ids.put(rs.getString("delivery_id"), rs.getLong("id"));
        },
        deliveryIds.toArray());
    return ids;
  }

  /**
   * Takes the next due job: a queued one whose time has come, or a running one whose lease has
   * expired because its worker died. Counts the attempt and leases the job to {@code workerId}.
   */
  public Optional<ClaimedJob> claimNext(String workerId, Duration lease) {
    Instant now = clock.instant();
    var nowColumn = Timestamps.toColumn(now);
    // Oldest first among the due: after an outage the backlog runs in the order it came, not in
    // the order the jittered backoff happened to set. A running candidate is one whose worker died.
    List<Candidate> candidates = new ArrayList<>();
    candidates.addAll(candidates(QUEUED_DUE, nowColumn, false));
    candidates.addAll(candidates(LEASE_LAPSED, nowColumn, true));
    candidates.sort(Comparator.comparingLong(Candidate::id));
    for (Candidate candidate : candidates) {
      long id = candidate.id();
      int won;
      try {
        won =
            jdbc.update(
                "UPDATE triage_job SET status = 'running', attempts = attempts + 1, leased_by = ?,"
                    + " lease_until = ?, updated_at = ?, running_issue = issue_key WHERE id = ? AND "
                    + DUE,
                workerId,
                Timestamps.toColumn(now.plus(lease)),
                nowColumn,
                id,
                nowColumn,
                nowColumn);
      } catch (DuplicateKeyException sameIssueRunning) {
        // Another job about this issue is running; this one waits for a later round.
        continue;
      }
      if (won == 1) {
        return loadClaimed(id, workerId, candidate.reclaimed());
      }
    }
    return Optional.empty();
  }

  /** A due job, and whether claiming it takes it over from a worker whose lease lapsed. */
  private record Candidate(long id, boolean reclaimed) {}

  /**
   * The oldest few jobs in one status that are due. One query per status, not one with an OR: the
   * index on (status, id) then yields them in id order and the scan stops at the limit, where the
   * OR made H2 read every job older than the first due one, done jobs included, on each claim.
   * Ordered by status too, though it is one: H2 reads an index in order only for a sort that names
   * its leading columns, and sorted every due job otherwise.
   */
  private List<Candidate> candidates(String due, Object now, boolean reclaimed) {
    return jdbc.query(
        candidatesQuery(due), (rs, row) -> new Candidate(rs.getLong("id"), reclaimed), now);
  }

  static String candidatesQuery(String due) {
    return "SELECT id FROM triage_job WHERE " + due + " ORDER BY status, id LIMIT " + CANDIDATES;
  }

  /**
   * Extends the lease of a job its worker is still running, so that a short lease only lapses when
   * the worker (or its process) is gone.
   *
   * @return false when the lease was lost
   */
  public boolean renewLease(ClaimedJob job, Duration lease) {
    Instant now = clock.instant();
    return jdbc.update(
            "UPDATE triage_job SET lease_until = ? WHERE id = ? AND status = 'running'"
                + " AND leased_by = ?",
            Timestamps.toColumn(now.plus(lease)),
            job.id(),
            job.leasedBy())
        == 1;
  }

  private Optional<ClaimedJob> loadClaimed(long id, String workerId, boolean reclaimed) {
    return jdbc
        .query(
            "SELECT j.id, j.kind, j.attempts, j.leased_by, j.created_at, j.transient_failures,"
                + " d.id AS delivery_id, d.event, d.action,"
                + " d.installation_id, d.repository, d.payload, d.received_at"
                + " FROM triage_job j JOIN webhook_delivery d ON d.id = j.delivery_id"
                + " WHERE j.id = ? AND j.leased_by = ?",
            (rs, row) ->
                new ClaimedJob(
                    rs.getLong("id"),
                    rs.getInt("attempts"),
                    rs.getString("leased_by"),
                    new StoredDelivery(
                        rs.getString("delivery_id"),
                        rs.getString("event"),
                        rs.getString("action"),
                        rs.getObject("installation_id", Long.class),
                        rs.getString("repository"),
                        rs.getBytes("payload"),
                        Timestamps.fromColumn(rs, "received_at")),
                    JobKind.parse(rs.getString("kind")),
                    Timestamps.fromColumn(rs, "created_at"),
                    rs.getInt("transient_failures"),
                    reclaimed),
            id,
            workerId)
        .stream()
        .findFirst();
  }

  /**
   * Marks a job triaged.
   *
   * @return false when the lease was lost (it expired and another worker took the job)
   */
  public boolean complete(ClaimedJob job) {
    return settle(job, JobStatus.DONE, null, null, false);
  }

  /**
   * Marks a job done without acting, saying why in its last error column (e.g. a newer state of the
   * issue was handled already).
   *
   * @return false when the lease was lost
   */
  public boolean completeWithout(ClaimedJob job, String why) {
    return settle(job, JobStatus.DONE, null, why, false);
  }

  /**
   * Puts a failed job back in the queue, due at {@code runAt}.
   *
   * @return false when the lease was lost
   */
  public boolean retryAt(ClaimedJob job, Instant runAt, String error) {
    return settle(job, JobStatus.QUEUED, runAt, error, false);
  }

  /**
   * Puts a job back in the queue, due at {@code runAt}, after GitHub was unavailable (or refused
   * the installation's credentials): such attempts do not count against the attempt limit.
   *
   * @return false when the lease was lost
   */
  public boolean deferAt(ClaimedJob job, Instant runAt, String error) {
    return settle(job, JobStatus.QUEUED, runAt, error, true);
  }

  /**
   * Puts a job back in the queue, due at {@code runAt}, as if it had never been claimed: the
   * attempt is not counted, nor is it a failure (e.g. the write budget is spent for now).
   *
   * @return false when the lease was lost
   */
  public boolean postpone(ClaimedJob job, Instant runAt, String why) {
    return jdbc.update(
            "UPDATE triage_job SET status = 'queued', attempts = attempts - 1, run_at = ?,"
                + " last_error = ?, leased_by = NULL, lease_until = NULL, running_issue = NULL,"
                + " updated_at = ? WHERE id = ? AND status = 'running' AND leased_by = ?",
            Timestamps.toColumn(runAt),
            why,
            Timestamps.toColumn(clock.instant()),
            job.id(),
            job.leasedBy())
        == 1;
  }

  /**
   * Parks a job as failed until someone retries it.
   *
   * @return false when the lease was lost
   */
  public boolean park(ClaimedJob job, String error) {
    return settle(job, JobStatus.FAILED, null, error, false);
  }

  /** Settles a job its worker holds; {@code runAt} is when it is due next, null for now. */
  private boolean settle(
      ClaimedJob job, JobStatus status, Instant runAt, String error, boolean transientFailure) {
    Instant now = clock.instant();
    return jdbc.update(
            "UPDATE triage_job SET status = ?, run_at = ?, last_error = ?,"
                + " leased_by = NULL, lease_until = NULL, running_issue = NULL, updated_at = ?,"
                + " transient_failures = transient_failures + ?"
                + " WHERE id = ? AND status = 'running' AND leased_by = ?",
            status.column(),
            Timestamps.toColumn(runAt == null ? now : runAt),
            error,
            Timestamps.toColumn(now),
            transientFailure ? 1 : 0,
            job.id(),
            job.leasedBy())
        == 1;
  }

  /**
   * Queues parked jobs again, due now, with a fresh count of attempts and a fresh retry horizon (it
   * counts from now); the last error stays until the job next runs.
   *
   * @param jobId one job, or every parked job when empty
   * @return how many jobs were queued again
   */
  public int retryFailed(OptionalLong jobId) {
    var now = Timestamps.toColumn(clock.instant());
    String sql =
        "UPDATE triage_job SET status = 'queued', attempts = 0, transient_failures = 0,"
            + " created_at = ?, run_at = ?, updated_at = ?"
            + " WHERE status = 'failed'";
    return jobId.isPresent()
        ? jdbc.update(sql + " AND id = ?", now, now, now, jobId.getAsLong())
        : jdbc.update(sql, now, now, now);
  }

  /** The job with this number. */
  public Optional<Job> find(long id) {
    return jdbc
        .query(
            "SELECT "
                + JOB_COLUMNS
                + " FROM triage_job j"
                + " JOIN webhook_delivery d ON d.id = j.delivery_id WHERE j.id = ?",
            (rs, row) -> job(rs),
            id)
        .stream()
        .findFirst();
  }

  /** The jobs of one delivery (at most one today). */
  public List<Job> forDelivery(String deliveryId) {
    return jdbc.query(
        "SELECT "
            + JOB_COLUMNS
            + " FROM triage_job j"
            + " JOIN webhook_delivery d ON d.id = j.delivery_id WHERE j.delivery_id = ?",
        (rs, row) -> job(rs),
        deliveryId);
  }

  /** The newest jobs first, optionally only those in one state. */
  public List<Job> list(Optional<JobStatus> status, int limit) {
    List<Object> args = new ArrayList<>();
    String where = "";
    if (status.isPresent()) {
      where = " WHERE j.status = ?";
      args.add(status.get().column());
    }
    args.add(limit);
    return jdbc.query(
        "SELECT "
            + JOB_COLUMNS
            + " FROM triage_job j"
            + " JOIN webhook_delivery d ON d.id = j.delivery_id"
            + where
            + " ORDER BY j.id DESC LIMIT ?",
        (rs, row) -> job(rs),
        args.toArray());
  }

  /**
   * How many jobs are in each state; states without jobs count 0. Reads every job, done ones
   * included: for commands, not for anything polled ({@link #backlog()} is cheap).
   */
  public Map<JobStatus, Integer> counts() {
    Map<JobStatus, Integer> counts = new EnumMap<>(JobStatus.class);
    for (JobStatus status : JobStatus.values()) {
      counts.put(status, 0);
    }
    jdbc.query(
        "SELECT status, COUNT(*) AS n FROM triage_job GROUP BY status",
        rs -> {
          counts.put(JobStatus.parse(rs.getString("status")), rs.getInt("n"));
        });
    return counts;
  }

  /**
   * What waits in the queue, for monitoring: one grouped read of the unfinished and parked jobs.
   *
   * @param queued jobs waiting to run (due now or later)
   * @param running jobs a worker holds (or held, until its lease lapses)
   * @param parked jobs waiting for a person
   * @param oldestUnfinished when the oldest queued or running job was queued; null when none
   */
  public record Backlog(int queued, int running, int parked, Instant oldestUnfinished) {}

  /**
   * Reads the unfinished and parked jobs through the (status, id) index, never the jobs done: their
   * number grows with the store's history, and the backlog is read on every health check.
   */
  static final String BACKLOG_QUERY =
      "SELECT status, COUNT(*) AS n, MIN(created_at) AS oldest FROM triage_job"
          + " WHERE status IN ('queued', 'running', 'failed') GROUP BY status";

  /** The queue's backlog now. */
  public Backlog backlog() {
    Map<JobStatus, Integer> counts = new EnumMap<>(JobStatus.class);
    List<Instant> unfinishedSince = new ArrayList<>();
    jdbc.query(
        BACKLOG_QUERY,
        rs -> {
          JobStatus status = JobStatus.parse(rs.getString("status"));
          counts.put(status, rs.getInt("n"));
          if (status != JobStatus.FAILED) {
            unfinishedSince.add(Timestamps.fromColumn(rs, "oldest"));
          }
        });
    return new Backlog(
        counts.getOrDefault(JobStatus.QUEUED, 0),
        counts.getOrDefault(JobStatus.RUNNING, 0),
        counts.getOrDefault(JobStatus.FAILED, 0),
        unfinishedSince.stream().min(Instant::compareTo).orElse(null));
  }

  private static Job job(ResultSet rs) throws SQLException {
    return new Job(
        rs.getLong("id"),
        rs.getString("delivery_id"),
        rs.getString("event"),
        rs.getString("action"),
        rs.getString("repository"),
        JobStatus.parse(rs.getString("status")),
        rs.getInt("attempts"),
        Timestamps.fromColumn(rs, "run_at"),
        Timestamps.fromColumn(rs, "lease_until"),
        rs.getString("last_error"),
        Timestamps.fromColumn(rs, "updated_at"));
  }
}
