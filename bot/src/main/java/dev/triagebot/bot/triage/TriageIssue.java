package dev.triagebot.bot.triage;

import dev.triagebot.bot.issue.IssueRef;
import dev.triagebot.bot.issue.IssueSnapshot;
import dev.triagebot.bot.issue.RepositoryRef;
import dev.triagebot.classifier.match.SignatureMatch;
import dev.triagebot.classifier.similar.SignatureCanonical;
import dev.triagebot.classifier.text.IssueText;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Triage of one issue event, start to end: gather the facts (the issue's matches against the
 * catalog, what similar past issues add, what maintainers said before), decide once ({@link
 * TriageFacts} to {@link DecideTriage}), carry the plan out, audit it. A GitHub failure is audited
 * and then thrown on to the queue.
 *
 * <p>No lock of its own: the queue runs one job per issue at a time across every worker and replica
 * (the store's {@code running_issue}, {@code V5}), and it is the only caller.
 */
public final class TriageIssue implements IssueTriage {
  private static final Logger log = LoggerFactory.getLogger(TriageIssue.class);

  /** Locks striped by issue, so two workers never run the look-then-write of one issue at once. */
  private static final int LOCK_STRIPES = 64;

  private final Function<IssueText, List<SignatureMatch>> matcher;
  private final DecideTriage decide;
  private final PlanExecutor executor;
  private final TriageAudit audit;
  private final IssueHistory history;
  private final TriageReview review;
  private final RepositoryPolicies repositories;
  private final Object[] locks = new Object[LOCK_STRIPES];

  /**
   * @param matcher the matches for an issue's text, e.g. {@code SignatureMatcher::matchOrLook}
   */
  public TriageIssue(
      Function<IssueText, List<SignatureMatch>> matcher,
      DecideTriage decide,
      PlanExecutor executor,
      TriageAudit audit) {
    this(matcher, decide, executor, audit, TriageReview.NONE, IssueHistory.NONE);
  }

  /**
   * @param review what maintainers said before (may hold a plan back) and hears every outcome
   */
  public TriageIssue(
      Function<IssueText, List<SignatureMatch>> matcher,
      DecideTriage decide,
      PlanExecutor executor,
      TriageAudit audit,
      TriageReview review) {
    this(matcher, decide, executor, audit, review, IssueHistory.NONE);
  }

  /**
   * @param review what maintainers said before (may hold a plan back) and hears every outcome
   * @param history what similar past issues add to a recognised issue's comment
   */
  public TriageIssue(
      Function<IssueText, List<SignatureMatch>> matcher,
      DecideTriage decide,
      PlanExecutor executor,
      TriageAudit audit,
      TriageReview review,
      IssueHistory history) {
    this(matcher, decide, executor, audit, review, history, RepositoryPolicies.NONE);
  }

  /**
   * @param review what maintainers said before (may hold a plan back) and hears every outcome
   * @param history what similar past issues add to a recognised issue's comment
   * @param repositories what each repository asks of the bot in its configuration file
   */
  public TriageIssue(
      Function<IssueText, List<SignatureMatch>> matcher,
      DecideTriage decide,
      PlanExecutor executor,
      TriageAudit audit,
      TriageReview review,
      IssueHistory history,
      RepositoryPolicies repositories) {
    this.repositories = Objects.requireNonNull(repositories, "repositories");
    this.review = Objects.requireNonNull(review, "review");
    this.history = Objects.requireNonNull(history, "history");
    this.matcher = Objects.requireNonNull(matcher, "matcher");
    this.decide = Objects.requireNonNull(decide, "decide");
    this.executor = Objects.requireNonNull(executor, "executor");
    this.audit = Objects.requireNonNull(audit, "audit");
    for (int i = 0; i < LOCK_STRIPES; i++) {
      locks[i] = new Object();
    }
  }

  @Override
  public void triage(IssueEvent event) {
    IssueSnapshot issue = event.issue();
    List<SignatureMatch> matches = matcher.apply(new IssueText(issue.title(), issue.body()));
    IssueRef ref =
        new IssueRef(new RepositoryRef(issue.installationId(), issue.repository()), issue.number());
    // A repository's file can only narrow what the bot does, so an issue the catalog does not
    // recognise needs no read of it.
    RepositoryPolicy repository =
        decide.recognise(event, matches).isPresent()
            ? repositories.forRepository(ref.repository())
            : RepositoryPolicy.DEFAULTS;
    HistoryHints hints = hints(event, matches, repository);
    // A repository that asks for dry-run gets its plans recorded, like a dry-run deployment.
    PlanExecutor executor =
        decide.mode(repository) == TriageMode.DRY_RUN ? this.executor.asDryRun() : this.executor;
    TriagePlan plan;
    Execution execution;
    synchronized (lockFor(ref)) {
      // The prior verdict is read under the lock: a plan carried out meanwhile may change it.
      TriageFacts facts = new TriageFacts(event, matches, hints, review.prior(ref), repository);
      plan = decide.decide(facts);
      execution = executor.execute(plan);
      audit.record(event.deliveryId(), plan, execution);
      review.executed(event, matches, plan, execution);
    }
    if (execution.failure() == null) {
      log.info(
          "{} ({} {}): {}, signature {}, labels added {}, comment {}",
          plan.issue(),
          event.action(),
          event.deliveryId(),
          plan.skipped() ? "skipped: " + plan.skipReason() : execution.status(),
          plan.signatureId(),
          execution.labelsAdded(),
          execution.comment());
      return;
    }
    log.warn(
        "{} ({} {}): failed after labels added {}, comment {}: {}",
        plan.issue(),
        event.action(),
        event.deliveryId(),
        execution.labelsAdded(),
        execution.comment(),
        execution.failure().getMessage());
    throw execution.failure();
  }

  /**
   * What similar past issues add; asked only about an issue the catalog recognises, since history
   * only ever adds to a recognised issue's comment.
   */
  private HistoryHints hints(
      IssueEvent event, List<SignatureMatch> matches, RepositoryPolicy repository) {
    return decide
        .recognise(event, matches, repository)
        .map(
            match ->
                history.hints(event.issue(), SignatureCanonical.of(match.signature()).orElse(null)))
        .orElse(HistoryHints.NONE);
  }

  private Object lockFor(IssueRef issue) {
    return locks[Math.floorMod(issue.hashCode(), LOCK_STRIPES)];
  }
}
