package dev.triagebot.bot.index;

import dev.triagebot.bot.queue.Timestamps;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Each repository's backfill in {@code backfill_checkpoint}: where it stands, so that it resumes
 * after a stop, and which replica holds its lease, so that it runs once across replicas. status:
 * requested → running → done, or failed (an operator requests it again).
 */
public class BackfillCheckpoints {
  private static final int MAX_ERROR = 2000;
  // Claimable: requested, or running under a lease that lapsed or was given back.
  private static final String CLAIMABLE =
      "(status = 'requested' OR (status = 'running' AND (lease_until IS NULL OR lease_until < ?)))";

  private final JdbcTemplate jdbc;
  private final Clock clock;

  public BackfillCheckpoints(JdbcTemplate jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /**
   * A backfill's position.
   *
   * @param since GitHub's {@code since} for the next request; null before the first page
   * @param page the next page within {@code since}, from 1
   * @param issuesIndexed issues stored so far (pull requests not counted)
   * @param itemsSeen items listed so far, pull requests included
   * @param done whether the last page was reached; a re-run then only fetches what changed since
   */
  public record Checkpoint(
      Instant since, int page, int issuesIndexed, int itemsSeen, boolean done) {
    /** Where a first backfill starts. */
    public static final Checkpoint START = new Checkpoint(null, 1, 0, 0, false);
  }

  /**
   * A backfill this replica now holds the lease of.
   *
   * @param repository {@code owner/name}, lower case
   * @param installationId the installation it is read through (0 in token mode)
   * @param rateReserve requests left to live triage
   */
  public record Claim(String repository, long installationId, int rateReserve) {}

  /**
   * A backfill as the store records it.
   *
   * @param repository {@code owner/name}, lower case
   * @param state requested, running, done or failed
   * @param requested when it was last requested
   * @param progress issues stored and items listed so far
   * @param replica the replica holding its lease, if one does
   * @param error why it failed, if it did
   */
  public record Status(
      String repository,
      String state,
      Instant requested,
      String progress,
      String replica,
      String error) {}

  public Optional<Checkpoint> load(String repository) {
    return jdbc
        .query(
            "SELECT since_at, page, issues_indexed, items_seen, status FROM backfill_checkpoint"
                + " WHERE repository = ?",
            (rs, row) ->
                new Checkpoint(
                    Timestamps.fromColumn(rs, "since_at"),
                    rs.getInt("page"),
                    rs.getInt("issues_indexed"),
                    rs.getInt("items_seen"),
                    "done".equals(rs.getString("status"))),
            key(repository))
        .stream()
        .findFirst();
  }

  /**
   * Asks for a backfill of the repository, resuming from its checkpoint; whichever replica claims
   * it first runs it. A backfill running under a live lease is left as it is.
   *
   * @return whether it was requested (false: one is running)
   */
  public boolean request(String repository, long installationId, int rateReserve) {
    Instant now = clock.instant();
    int updated =
        jdbc.update(
            "UPDATE backfill_checkpoint SET status = 'requested', installation_id = ?,"
                + " rate_reserve = ?, requested_at = ?, last_error = NULL, updated_at = ?"
                + " WHERE repository = ? AND NOT (status = 'running' AND lease_until IS NOT NULL"
                + " AND lease_until >= ?)",
            installationId,
            rateReserve,
            Timestamps.toColumn(now),
            Timestamps.toColumn(now),
            key(repository),
            Timestamps.toColumn(now));
    if (updated == 1 || load(repository).isPresent()) {
      return updated == 1;
    }
    try {
      jdbc.update(
          "INSERT INTO backfill_checkpoint (repository, installation_id, status, since_at, page,"
              + " issues_indexed, items_seen, updated_at, rate_reserve, requested_at)"
              + " VALUES (?, ?, 'requested', NULL, 1, 0, 0, ?, ?, ?)",
          key(repository),
          installationId,
          Timestamps.toColumn(now),
          rateReserve,
          Timestamps.toColumn(now));
      return true;
    } catch (DuplicateKeyException requestedElsewhereAtOnce) {
      return false;
    }
  }

  /**
   * Takes the lease of one claimable backfill, if any, until {@code leaseUntil}.
   *
   * @param repository the one to claim; null for any
   */
  public Optional<Claim> claim(String replica, Instant leaseUntil, String repository) {
    Object now = Timestamps.toColumn(clock.instant());
    List<String> candidates =
        repository != null
            ? List.of(key(repository))
            : jdbc.queryForList(
                "SELECT repository FROM backfill_checkpoint WHERE "
                    + CLAIMABLE
                    + " ORDER BY updated_at LIMIT 5",
                String.class,
                now);
    for (String candidate : candidates) {
      int won =
          jdbc.update(
              "UPDATE backfill_checkpoint SET status = 'running', leased_by = ?, lease_until = ?"
                  + " WHERE repository = ? AND "
                  + CLAIMABLE,
              replica,
              Timestamps.toColumn(leaseUntil),
              candidate,
              now);
      if (won == 1) {
        return jdbc
            .query(
                "SELECT repository, installation_id, rate_reserve FROM backfill_checkpoint"
                    + " WHERE repository = ?",
                (rs, row) ->
                    new Claim(
                        rs.getString("repository"),
                        rs.getLong("installation_id"),
                        rs.getInt("rate_reserve")),
                candidate)
            .stream()
            .findFirst();
      }
    }
    return Optional.empty();
  }

  /**
   * Saves the position reached and renews the lease, if this replica still holds it; a done
   * backfill gives its lease back. Call it in the transaction that stores the page.
   *
   * @return false when the lease was lost (taken over after it lapsed): stop, store nothing
   */
  public boolean advance(String repository, String replica, Checkpoint at, Instant leaseUntil) {
    return jdbc.update(
            "UPDATE backfill_checkpoint SET status = ?, since_at = ?, page = ?, issues_indexed = ?,"
                + " items_seen = ?, updated_at = ?, leased_by = ?, lease_until = ?"
                + " WHERE repository = ? AND leased_by = ?",
            at.done() ? "done" : "running",
            Timestamps.toColumn(at.since()),
            at.page(),
            at.issuesIndexed(),
            at.itemsSeen(),
            Timestamps.toColumn(clock.instant()),
            at.done() ? null : replica,
            at.done() ? null : Timestamps.toColumn(leaseUntil),
            key(repository),
            replica)
        == 1;
  }

  /** Extends this replica's lease, e.g. before waiting for the rate limit to reset. */
  public boolean extend(String repository, String replica, Instant leaseUntil) {
    return jdbc.update(
            "UPDATE backfill_checkpoint SET lease_until = ? WHERE repository = ? AND leased_by = ?",
            Timestamps.toColumn(leaseUntil),
            key(repository),
            replica)
        == 1;
  }

  /** Gives the lease back unfinished (the replica stops): another replica resumes at once. */
  public void release(String repository, String replica) {
    jdbc.update(
        "UPDATE backfill_checkpoint SET leased_by = NULL, lease_until = NULL"
            + " WHERE repository = ? AND leased_by = ?",
        key(repository),
        replica);
  }

  /** Records why the backfill stopped; it waits for an operator to request it again. */
  public void fail(String repository, String replica, String error) {
    jdbc.update(
        "UPDATE backfill_checkpoint SET status = 'failed', last_error = ?, leased_by = NULL,"
            + " lease_until = NULL, updated_at = ? WHERE repository = ? AND leased_by = ?",
        error.length() > MAX_ERROR ? error.substring(0, MAX_ERROR) : error,
        Timestamps.toColumn(clock.instant()),
        key(repository),
        replica);
  }

  /** Every repository's backfill, most recently requested first. */
  public List<Status> statuses() {
    return jdbc.query(
        "SELECT repository, status, requested_at, issues_indexed, items_seen, leased_by,"
            + " last_error FROM backfill_checkpoint ORDER BY requested_at DESC, repository",
        (rs, row) ->
            new Status(
                rs.getString("repository"),
                rs.getString("status"),
                Timestamps.fromColumn(rs, "requested_at"),
                "%d issues stored, %d items listed"
                    .formatted(rs.getInt("issues_indexed"), rs.getInt("items_seen")),
                rs.getString("leased_by"),
                rs.getString("last_error")));
  }

  private static String key(String repository) {
    return repository.toLowerCase(Locale.ROOT);
  }
}
