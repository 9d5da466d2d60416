package dev.triagebot.bot.webhook;

import dev.triagebot.bot.github.GitHubProperties;
import dev.triagebot.bot.index.IndexChange;
import dev.triagebot.bot.index.IndexChangeLog;
import dev.triagebot.bot.index.IndexUpkeep;
import dev.triagebot.bot.issue.RepositoryRef;
import dev.triagebot.bot.queue.DeliveryLog;
import dev.triagebot.bot.queue.InstallationSuspensions;
import dev.triagebot.bot.queue.JobKind;
import dev.triagebot.bot.queue.JobQueue;
import dev.triagebot.bot.queue.StoredDelivery;
import dev.triagebot.bot.queue.WorkSignal;
import dev.triagebot.bot.repoconfig.RepositoryConfigs;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Makes a verified delivery durable: an issue to triage is stored with its job, an installation
 * change is stored and applied, each in one transaction, before GitHub gets its answer. No matching
 * happens here; the workers do that.
 */
@Component
public class WebhookIngress {
  private static final Logger log = LoggerFactory.getLogger(WebhookIngress.class);

  private final GitHubPayloads payloads;
  private final DeliveryLog deliveries;
  private final JobQueue jobs;
  private final InstallationCoverage coverage;
  private final TransactionTemplate transaction;
  private final WorkSignal workSignal;
  private final IndexChangeLog indexChanges;
  private final IndexUpkeep indexUpkeep;
  private final InstallationSuspensions suspensions;
  private final RepositoryConfigs repositoryConfigs;
  private final Clock clock;
  private final boolean appMode;

  public WebhookIngress(
      GitHubPayloads payloads,
      DeliveryLog deliveries,
      JobQueue jobs,
      InstallationCoverage coverage,
      TransactionTemplate transaction,
      WorkSignal workSignal,
      IndexChangeLog indexChanges,
      IndexUpkeep indexUpkeep,
      InstallationSuspensions suspensions,
      RepositoryConfigs repositoryConfigs,
      Clock clock,
      GitHubProperties github) {
    this.payloads = payloads;
    this.deliveries = deliveries;
    this.jobs = jobs;
    this.coverage = coverage;
    this.transaction = transaction;
    this.workSignal = workSignal;
    this.indexChanges = indexChanges;
    this.indexUpkeep = indexUpkeep;
    this.suspensions = suspensions;
    this.repositoryConfigs = repositoryConfigs;
    this.clock = clock;
    this.appMode = github.appId() != null;
  }

  /**
   * Accepts a delivery whose signature has been verified.
   *
   * @throws MalformedPayloadException when the body is not a payload of the named event, or, when
   *     the service runs as a GitHub App, a delivery to keep names no installation
   */
  public IngressOutcome accept(String deliveryId, String event, byte[] body)
      throws MalformedPayloadException {
    InboundPayload payload = payloads.read(event, body);
    String what = HandledEvents.describe(event, payload.envelope().action());
    if (payload instanceof InboundPayload.Ping) {
      return new IngressOutcome.Pong();
    }
    // Every issue change the index holds is kept, also those triage ignores (closed, labeled…).
    Optional<IndexChange> indexChange = indexChange(event, body);
    boolean kept = !(payload instanceof InboundPayload.Ignored) || indexChange.isPresent();
    if (kept && appMode && payload.envelope().installationId() == null) {
      // Without it no token can be minted: refuse now rather than fail the job eight times.
      throw PayloadChecks.wrong("installation.id", "missing (the service runs as a GitHub App)");
    }
    if (payload instanceof InboundPayload.Ignored ignored) {
      if (indexChange.isEmpty()) {
        return new IngressOutcome.Ignored(ignored.reason());
      }
      IngressOutcome outcome =
          store(
              deliveryId,
              event,
              payload,
              body,
              () -> {
                indexChanges.record(deliveryId);
                return new IngressOutcome.Recorded(
                    what + " kept for the similar-issue index (" + ignored.reason() + ")");
              });
      if (outcome instanceof IngressOutcome.Recorded recorded) {
        indexUpkeep.signal();
        log.info("delivery {} ({}): {}", deliveryId, what, recorded.what());
      }
      return outcome;
    }
    if (payload instanceof InboundPayload.Issue issue) {
      return queue(
          deliveryId, event, payload, body, JobKind.TRIAGE, what, issue.issue(), indexChange);
    }
    if (payload instanceof InboundPayload.Review review) {
      // A label change is also an index change.
      return queue(
          deliveryId,
          event,
          payload,
          body,
          JobKind.REVIEW,
          what,
          review.event().issue(),
          indexChange);
    }
    if (payload instanceof InboundPayload.ConfigChange config) {
      return configChanged(deliveryId, event, config, body);
    }
    InboundPayload.Installation change = (InboundPayload.Installation) payload;
    IngressOutcome outcome = store(deliveryId, event, payload, body, () -> apply(change));
    if (outcome instanceof IngressOutcome.Recorded recorded) {
      log.info("delivery {} ({}): {}", deliveryId, what, recorded.what());
    }
    return outcome;
  }

  private static Optional<IndexChange> indexChange(String event, byte[] body)
      throws MalformedPayloadException {
    try {
      return IndexChange.of(event, body);
    } catch (IllegalArgumentException unreadable) {
      // Its messages name the field and quote the value; a hostile value may be long.
      String reason = String.valueOf(unreadable.getMessage());
      throw new MalformedPayloadException(
          "an issues payload the similar-issue index cannot read: "
              + (reason.length() <= 200 ? reason : reason.substring(0, 200) + "…"),
          unreadable);
    }
  }

  /** Stores the delivery with a job of this kind, and wakes a worker. */
  private IngressOutcome queue(
      String deliveryId,
      String event,
      InboundPayload payload,
      byte[] body,
      JobKind kind,
      String what,
      dev.triagebot.bot.issue.IssueSnapshot issue,
      Optional<IndexChange> indexChange) {
    IngressOutcome outcome =
        store(
            deliveryId,
            event,
            payload,
            body,
            () -> {
              IngressOutcome queued =
                  new IngressOutcome.Queued(
                      jobs.enqueue(deliveryId, kind, issue.repository() + "#" + issue.number()));
              indexChange.ifPresent(unused -> indexChanges.record(deliveryId));
              return queued;
            });
    if (outcome instanceof IngressOutcome.Queued queued) {
      workSignal.signal();
      indexChange.ifPresent(unused -> indexUpkeep.signal());
      log.info(
          "delivery {} ({} {}#{}) queued as {} job {}",
          deliveryId,
          what,
          issue.repository(),
          issue.number(),
          kind.column(),
          queued.jobId());
    }
    return outcome;
  }

  /**
   * Marks the repository's configuration file changed with the delivery, then asks for it to be
   * read again soon: the mark survives a crash, the read only saves waiting for the next issue.
   */
  private IngressOutcome configChanged(
      String deliveryId, String event, InboundPayload.ConfigChange change, byte[] body) {
    String repository = change.envelope().repository();
    IngressOutcome outcome =
        store(
            deliveryId,
            event,
            change,
            body,
            () -> {
              repositoryConfigs.fileChanged(repository);
              return new IngressOutcome.Recorded(
                  repository + "/" + RepositoryConfigs.PATH + " changed: read again");
            });
    if (outcome instanceof IngressOutcome.Recorded recorded) {
      Long installation = change.envelope().installationId();
      repositoryConfigs.refreshSoon(
          new RepositoryRef(installation == null ? 0 : installation, repository));
      log.info("delivery {} (push): {}", deliveryId, recorded.what());
    }
    return outcome;
  }

  private IngressOutcome.Recorded apply(InboundPayload.Installation change) {
    long id = change.installationId();
    String action = change.envelope().action();
    if (HandledEvents.UNSUSPEND.equals(action)) {
      suspensions.unsuspended(id);
      return new IngressOutcome.Recorded("installation " + id + " unsuspended: its jobs run again");
    }
    if (HandledEvents.SUSPEND.equals(action)) {
      suspensions.suspendedOnGitHub(id);
      return new IngressOutcome.Recorded("installation " + id + " suspended: its jobs wait");
    }
    if (change.uninstalled()) {
      coverage.forget(id);
      return new IngressOutcome.Recorded("installation " + id + " removed");
    }
    coverage.cover(id, change.added());
    coverage.uncover(id, change.removed());
    return new IngressOutcome.Recorded(
        "installation %d: %d repositories added, %d removed"
            .formatted(id, change.added().size(), change.removed().size()));
  }

  /** Stores the delivery and does its work in one transaction, unless it is already stored. */
  private IngressOutcome store(
      String deliveryId,
      String event,
      InboundPayload payload,
      byte[] body,
      Supplier<IngressOutcome> work) {
    InboundPayload.Envelope envelope = payload.envelope();
    StoredDelivery delivery =
        new StoredDelivery(
            deliveryId,
            event,
            envelope.action(),
            envelope.installationId(),
            envelope.repository(),
            body,
            clock.instant());
    IngressOutcome outcome =
        transaction.execute(
            status -> {
              if (!deliveries.insert(delivery)) {
                status.setRollbackOnly();
                return new IngressOutcome.Duplicate();
              }
              return work.get();
            });
    if (outcome instanceof IngressOutcome.Duplicate) {
      log.info(
          "delivery {} ({}) is already stored; not processed again",
          deliveryId,
          HandledEvents.describe(event, envelope.action()));
    }
    return outcome;
  }
}
