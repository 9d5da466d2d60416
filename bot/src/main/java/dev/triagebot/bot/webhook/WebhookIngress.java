package dev.triagebot.bot.webhook;

import dev.triagebot.bot.queue.DeliveryLog;
import dev.triagebot.bot.queue.JobQueue;
import dev.triagebot.bot.queue.StoredDelivery;
import dev.triagebot.bot.queue.WorkSignal;
import java.time.Clock;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Decides what a verified delivery means and makes it durable: an issue to triage is stored with
 * its job, an installation change is stored and applied, each in one transaction, before GitHub
 * gets its answer. No matching happens here; the workers do that.
 */
@Component
public class WebhookIngress {
  private static final Logger log = LoggerFactory.getLogger(WebhookIngress.class);

  private static final Set<String> ISSUE_ACTIONS_TRIAGED = Set.of("opened", "reopened");

  private final GitHubPayloads payloads;
  private final DeliveryLog deliveries;
  private final JobQueue jobs;
  private final InstallationCoverage coverage;
  private final TransactionTemplate transaction;
  private final WorkSignal workSignal;
  private final Clock clock;

  public WebhookIngress(
      GitHubPayloads payloads,
      DeliveryLog deliveries,
      JobQueue jobs,
      InstallationCoverage coverage,
      TransactionTemplate transaction,
      WorkSignal workSignal,
      Clock clock) {
    this.payloads = payloads;
    this.deliveries = deliveries;
    this.jobs = jobs;
    this.coverage = coverage;
    this.transaction = transaction;
    this.workSignal = workSignal;
    this.clock = clock;
  }

  /**
   * Accepts a delivery whose signature has been verified.
   *
   * @throws MalformedPayloadException when the body is not a payload of the named event
   */
  public IngressOutcome accept(String deliveryId, String event, byte[] body)
      throws MalformedPayloadException {
    InboundPayload payload = payloads.read(event, body);
    String action = payload.envelope().action();
    if (event.equals("ping")) {
      return new IngressOutcome.Pong();
    }
    if (payload instanceof InboundPayload.Issue issue) {
      boolean triaged =
          action != null
              && (ISSUE_ACTIONS_TRIAGED.contains(action)
                  || (action.equals("edited") && issue.titleOrBodyChanged()));
      if (!triaged) {
        return ignored(event, action, issue);
      }
      IngressOutcome outcome =
          store(
              deliveryId,
              event,
              payload,
              body,
              () -> new IngressOutcome.Queued(jobs.enqueue(deliveryId)));
      if (outcome instanceof IngressOutcome.Queued queued) {
        workSignal.signal();
        log.info(
            "delivery {} ({}.{} {}#{}) queued as job {}",
            deliveryId,
            event,
            action,
            issue.issue().repository(),
            issue.issue().number(),
            queued.jobId());
      }
      return outcome;
    }
    if (payload instanceof InboundPayload.Installation installation) {
      return installation(deliveryId, event, installation, body);
    }
    return ignored(event, action, payload);
  }

  private IngressOutcome installation(
      String deliveryId, String event, InboundPayload.Installation change, byte[] body) {
    String action = change.envelope().action();
    long id = change.installationId();
    Supplier<IngressOutcome> apply;
    if (event.equals("installation") && "created".equals(action)) {
      apply =
          () -> {
            coverage.cover(id, change.added());
            return recorded(id, change);
          };
    } else if (event.equals("installation") && "deleted".equals(action)) {
      apply =
          () -> {
            coverage.forget(id);
            return new IngressOutcome.Recorded("installation " + id + " removed");
          };
    } else if (event.equals("installation_repositories")
        && ("added".equals(action) || "removed".equals(action))) {
      apply =
          () -> {
            coverage.cover(id, change.added());
            coverage.uncover(id, change.removed());
            return recorded(id, change);
          };
    } else {
      return ignored(event, action, change);
    }
    IngressOutcome outcome = store(deliveryId, event, change, body, apply);
    if (outcome instanceof IngressOutcome.Recorded recorded) {
      log.info("delivery {} ({}.{}): {}", deliveryId, event, action, recorded.what());
    }
    return outcome;
  }

  private static IngressOutcome.Recorded recorded(long id, InboundPayload.Installation change) {
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
          "delivery {} ({}.{}) is already stored; not processed again",
          deliveryId,
          event,
          envelope.action());
    }
    return outcome;
  }

  private static IngressOutcome.Ignored ignored(
      String event, String action, InboundPayload payload) {
    String what = action == null ? event : event + "." + action;
    if (payload instanceof InboundPayload.Issue && "edited".equals(action)) {
      return new IngressOutcome.Ignored("issues.edited changed neither the title nor the body");
    }
    return new IngressOutcome.Ignored(what + " is not handled");
  }
}
