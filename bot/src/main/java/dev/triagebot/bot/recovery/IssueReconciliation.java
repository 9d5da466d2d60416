package dev.triagebot.bot.recovery;

import dev.triagebot.bot.github.GitHubOperations;
import dev.triagebot.bot.github.GitHubRejectedException;
import dev.triagebot.bot.github.GitHubUnavailableException;
import dev.triagebot.bot.issue.RepositoryRef;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Per repository, lists the issues updated since it was last reconciled (at first: since the last
 * event the store holds for it) and triages any opened since then that the store never saw, by
 * handing ingress the {@code issues opened} delivery the service missed. The backstop for what the
 * redelivery sweep cannot bring back: events older than GitHub's delivery log, or never attempted.
 *
 * <p>Only issues quiet for {@code quietPeriod} are considered, and none while a redelivery asked
 * for within it has not arrived, so that a webhook in flight or a redelivery lands first and the
 * issue is triaged once, not twice.
 */
public final class IssueReconciliation {
  private static final Logger log = LoggerFactory.getLogger(IssueReconciliation.class);
  private static final int PAGE_SIZE = 100;

  /**
   * GitHub's times have whole seconds and its clock is not ours: each run looks this far before its
   * checkpoint. Overlap is harmless, an issue with a job is never queued again.
   */
  static final Duration SKEW = Duration.ofMinutes(1);

  /** Hands a rebuilt delivery to ingress; true when it was stored and queued now. */
  @FunctionalInterface
  public interface Ingress {
    boolean deliver(String deliveryId, String event, byte[] body);
  }

  private final JdbcTemplate jdbc;
  private final Supplier<GitHubOperations> github;
  private final Ingress ingress;
  private final RecoveryProperties settings;
  private final Clock clock;

  public IssueReconciliation(
      JdbcTemplate jdbc,
      Supplier<GitHubOperations> github,
      Ingress ingress,
      RecoveryProperties settings,
      Clock clock) {
    this.jdbc = jdbc;
    this.github = github;
    this.ingress = ingress;
    this.settings = settings;
    this.clock = clock;
  }

  /**
   * Reconciles every repository an installation covers; a repository GitHub fails for is left for
   * the next run, the others go on.
   *
   * @param keepGoing checked between repositories; false stops the run there
   * @return how many missed issues were queued
   */
  public int reconcileAll(BooleanSupplier keepGoing) {
    if (redeliveriesInFlight() > 0) {
      // A redelivery asked for may be about an issue listed here: let it land first, so that the
      // issue is triaged from GitHub's own delivery, once.
      log.info("reconciliation waits for redeliveries asked for that have not arrived yet");
      return 0;
    }
    int queued = 0;
    for (RepositoryRef repository : repositories()) {
      if (!keepGoing.getAsBoolean()) {
        break;
      }
      try {
        queued += reconcile(repository);
      } catch (GitHubUnavailableException | GitHubRejectedException failure) {
        log.warn(
            "could not reconcile {}; next run tries again: {}", repository, failure.getMessage());
      }
    }
    return queued;
  }

  /**
   * Reconciles one repository.
   *
   * @return how many missed issues were queued
   */
  public int reconcile(RepositoryRef repository) {
    Instant until = clock.instant().minus(settings.quietPeriod());
    Optional<Instant> since =
        reconciledUntil(repository).or(() -> lastEvent(repository)).map(at -> at.minus(SKEW));
    if (since.isEmpty()) {
      // Nothing was ever seen of it: nothing can have been missed since.
      save(repository, until, 0);
      return 0;
    }
    if (!since.get().isBefore(until)) {
      return 0;
    }
    log.debug("reconciling {}: issues updated from {} to {}", repository, since.get(), until);
    int queued = 0;
    Instant reached = until;
    int page = 1;
    pages:
    while (true) {
      List<String> items = github.get().issuesAsJson(repository, since.get(), page);
      for (String item : items) {
        MissedIssue issue = MissedIssue.read(repository, item);
        log.debug("{}#{}: updated {}", repository, issue.number(), issue.updatedAt());
        if (issue.updatedAt().isAfter(until)) {
          break pages;
        }
        if (!missed(issue, since.get())) {
          continue;
        }
        if (queued >= settings.maxIssuesPerRun()) {
          // The next run starts here (since is inclusive).
          reached = issue.updatedAt();
          break pages;
        }
        if (ingress.deliver(issue.deliveryId(), "issues", issue.openedPayload())) {
          queued++;
          log.info(
              "{}#{} was opened at {} while no delivery reached the service; queued for triage",
              repository,
              issue.number(),
              issue.createdAt());
        }
      }
      if (items.size() < PAGE_SIZE) {
        break;
      }
      page++;
    }
    save(repository, reached, queued);
    return queued;
  }

  /** An open issue (not a pull request), opened since {@code since}, that no job was ever about. */
  private boolean missed(MissedIssue issue, Instant since) {
    if (issue.pullRequest() || !issue.open() || issue.createdAt().isBefore(since)) {
      return false;
    }
    Integer jobs =
        jdbc.queryForObject(
            "SELECT COUNT(*) FROM triage_job WHERE issue_key = ?", Integer.class, issue.issueKey());
    return jobs == null || jobs == 0;
  }

  /** Redeliveries asked for within the quiet period whose delivery the store does not hold yet. */
  private int redeliveriesInFlight() {
    Integer waiting =
        jdbc.queryForObject(
            "SELECT COUNT(*) FROM webhook_redelivery r WHERE r.outcome = 'requested'"
                + " AND r.requested_at > ?"
                + " AND NOT EXISTS (SELECT 1 FROM webhook_delivery d WHERE d.id = r.guid)",
            Integer.class,
            OffsetDateTime.ofInstant(
                clock.instant().minus(settings.quietPeriod()), ZoneOffset.UTC));
    return waiting == null ? 0 : waiting;
  }

  private List<RepositoryRef> repositories() {
    return jdbc.query(
        "SELECT repository, MIN(installation_id) AS installation_id FROM installation_repository"
            + " GROUP BY repository ORDER BY repository",
        (rs, row) -> new RepositoryRef(rs.getLong("installation_id"), rs.getString("repository")));
  }

  private Optional<Instant> reconciledUntil(RepositoryRef repository) {
    return jdbc
        .query(
            "SELECT reconciled_until FROM repository_reconciliation WHERE repository = ?",
            (rs, row) -> rs.getObject("reconciled_until", OffsetDateTime.class).toInstant(),
            repository.fullName())
        .stream()
        .findFirst();
  }

  private Optional<Instant> lastEvent(RepositoryRef repository) {
    OffsetDateTime last =
        jdbc.queryForObject(
            "SELECT MAX(received_at) FROM webhook_delivery WHERE repository = ?",
            OffsetDateTime.class,
            repository.fullName());
    return Optional.ofNullable(last).map(OffsetDateTime::toInstant);
  }

  private void save(RepositoryRef repository, Instant reconciledUntil, int queued) {
    OffsetDateTime until = OffsetDateTime.ofInstant(reconciledUntil, ZoneOffset.UTC);
    OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    int updated =
        jdbc.update(
            "UPDATE repository_reconciliation SET reconciled_until = ?,"
                + " issues_queued = issues_queued + ?, updated_at = ? WHERE repository = ?",
            until,
            queued,
            now,
            repository.fullName());
    if (updated == 0) {
      try {
        jdbc.update(
            "INSERT INTO repository_reconciliation"
                + " (repository, reconciled_until, issues_queued, updated_at) VALUES (?, ?, ?, ?)",
            repository.fullName(),
            until,
            queued,
            now);
      } catch (org.springframework.dao.DuplicateKeyException anotherReplica) {
        // Another replica reconciled it at the same time; its checkpoint is as good.
      }
    }
  }
}
