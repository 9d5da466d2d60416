package dev.triagebot.bot.webhook;

import dev.triagebot.bot.github.GitHubProperties;
import dev.triagebot.bot.queue.DeliveryLog;
import dev.triagebot.bot.queue.DurableCommits;
import dev.triagebot.bot.queue.InstallationSuspensions;
import dev.triagebot.bot.queue.StoredDelivery;
import dev.triagebot.bot.repoconfig.RepositoryConfigs;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Makes a verified delivery durable before GitHub gets its answer, doing no more than that needs: a
 * streaming scan of the few fields routing and the similar-issue index read ({@link DeliveryScan};
 * an issue delivery's body is parsed only this once before the answer), then one insert of the raw
 * delivery and its job, in a transaction shared with concurrent deliveries ({@link GroupCommit}).
 * Ignored deliveries are answered before any store work. The worker maps and checks the whole
 * payload; one it cannot read is parked saying why. A push to the default branch is stored with no
 * job; its file lists are read before it joins the group commit. Installation changes, which are
 * rare and applied at once, are still read in full here.
 */
@Component
public class WebhookIngress {
  private static final Logger log = LoggerFactory.getLogger(WebhookIngress.class);

  /** How long a request waits for its commit: within GitHub's 10 seconds, with room to answer. */
  private static final Duration STORE_DEADLINE = Duration.ofSeconds(8);

  private final GitHubPayloads payloads;
  private final DeliveryLog deliveries;
  private final GroupCommit groupCommit;
  private final InstallationCoverage coverage;
  private final TransactionTemplate transaction;
  private final InstallationSuspensions suspensions;
  private final DurableCommits durable;
  private final Clock clock;
  private final boolean appMode;

  public WebhookIngress(
      GitHubPayloads payloads,
      DeliveryLog deliveries,
      GroupCommit groupCommit,
      InstallationCoverage coverage,
      TransactionTemplate transaction,
      InstallationSuspensions suspensions,
      DurableCommits durable,
      Clock clock,
      GitHubProperties github) {
    this.payloads = payloads;
    this.deliveries = deliveries;
    this.groupCommit = groupCommit;
    this.coverage = coverage;
    this.transaction = transaction;
    this.suspensions = suspensions;
    this.durable = durable;
    this.clock = clock;
    this.appMode = github.appId() != null;
  }

  /**
   * Accepts a delivery whose signature has been verified and waits until it is stored.
   *
   * @throws MalformedPayloadException as {@link #acceptLater}
   * @throws org.springframework.dao.DataAccessException when the store failed or was too slow
   */
  public IngressOutcome accept(String deliveryId, String event, byte[] body)
      throws MalformedPayloadException {
    return Futures.await(acceptLater(deliveryId, event, body));
  }

  /**
   * Accepts a delivery whose signature has been verified: checks and routes it in the caller's
   * thread, then leaves it to the group commit, so that the caller's thread is free while the
   * delivery waits for the store.
   *
   * @return completes once the delivery is stored (or needs no storing), or exceptionally with a
   *     {@link org.springframework.dao.DataAccessException} when the store failed or was too slow
   * @throws MalformedPayloadException when the body is not one JSON object, a field routing reads
   *     is of the wrong type, a delivery to keep names no repository or issue, or, when the service
   *     runs as a GitHub App, a delivery to keep names no installation
   */
  public CompletableFuture<IngressOutcome> acceptLater(String deliveryId, String event, byte[] body)
      throws MalformedPayloadException {
    if (HandledEvents.INSTALLATION.equals(event)
        || HandledEvents.INSTALLATION_REPOSITORIES.equals(event)) {
      // Rare, and applied in the transaction that stores it.
      return CompletableFuture.completedFuture(installation(deliveryId, event, body));
    }
    DeliveryFacts facts = DeliveryScan.scan(event, body);
    if (HandledEvents.PING.equals(event)) {
      return CompletableFuture.completedFuture(new IngressOutcome.Pong());
    }
    if (!HandledEvents.handles(event)) {
      return CompletableFuture.completedFuture(
          new IngressOutcome.Ignored(HandledEvents.notHandled(event, facts.action())));
    }
    DeliveryRoute route = DeliveryRoute.of(event, facts);
    if (route.ignored()) {
      return CompletableFuture.completedFuture(new IngressOutcome.Ignored(route.reason()));
    }
    requireInstallation(facts.installationId());
    String what = HandledEvents.describe(event, facts.action());
    StoredDelivery delivery =
        new StoredDelivery(
            deliveryId,
            event,
            facts.action(),
            facts.installationId(),
            facts.repository(),
            body,
            clock.instant());
    return groupCommit
        .storeLater(
            new GroupCommit.Store(
                delivery,
                route.job(),
                facts.issueKey(),
                route.indexChange() ? facts.indexFields() : null,
                route.configPush()),
            STORE_DEADLINE)
        .thenApply(stored -> outcome(deliveryId, what, facts, route, stored));
  }

  private static IngressOutcome outcome(
      String deliveryId,
      String what,
      DeliveryFacts facts,
      DeliveryRoute route,
      GroupCommit.Stored stored) {
    if (stored.duplicate()) {
      return duplicate(deliveryId, what);
    }
    if (route.configPush()) {
      return pushed(deliveryId, facts.repository(), stored.configChanged());
    }
    if (stored.jobId() == null) {
      String recorded = what + " kept for the similar-issue index (" + route.reason() + ")";
      log.debug("delivery {} ({}): {}", deliveryId, what, recorded);
      return new IngressOutcome.Recorded(recorded);
    }
    // Debug: at a thousand deliveries a second an info line each costs the acknowledgements.
    log.debug(
        "delivery {} ({} {}) queued as {} job {}",
        deliveryId,
        what,
        facts.issueKey(),
        route.job().column(),
        stored.jobId());
    return new IngressOutcome.Queued(stored.jobId());
  }

  private static IngressOutcome pushed(String deliveryId, String repository, boolean changed) {
    String file = repository + "/" + RepositoryConfigs.PATH;
    if (!changed) {
      return new IngressOutcome.Recorded("push changed no " + file);
    }
    String recorded = file + " changed: read again";
    log.info("delivery {} (push): {}", deliveryId, recorded);
    return new IngressOutcome.Recorded(recorded);
  }

  private void requireInstallation(Long installationId) throws MalformedPayloadException {
    if (appMode && installationId == null) {
      // Without it no token can be minted: refuse now rather than fail the job eight times.
      throw PayloadChecks.wrong("installation.id", "missing (the service runs as a GitHub App)");
    }
  }

  private static IngressOutcome duplicate(String deliveryId, String what) {
    log.info("delivery {} ({}) is already stored; not processed again", deliveryId, what);
    return new IngressOutcome.Duplicate();
  }

  /** Reads an installation event in full and applies it in the transaction that stores it. */
  private IngressOutcome installation(String deliveryId, String event, byte[] body)
      throws MalformedPayloadException {
    InboundPayload payload = payloads.read(event, body);
    if (payload instanceof InboundPayload.Ignored ignored) {
      return new IngressOutcome.Ignored(ignored.reason());
    }
    InboundPayload.Installation change = (InboundPayload.Installation) payload;
    InboundPayload.Envelope envelope = change.envelope();
    requireInstallation(envelope.installationId());
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
              return apply(change);
            });
    durable.flush();
    String what = HandledEvents.describe(event, envelope.action());
    if (outcome instanceof IngressOutcome.Recorded recorded) {
      log.info("delivery {} ({}): {}", deliveryId, what, recorded.what());
      return outcome;
    }
    return duplicate(deliveryId, what);
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
}
