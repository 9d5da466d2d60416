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
 * catalog, what similar past issues add, what maintainers said before), decide once, carry the plan
 * out, audit it. A GitHub failure is audited and then thrown on to the queue.
 *
 * <p>No lock of its own: the queue runs one job per issue at a time across every worker and replica
 * (the store's {@code running_issue}, {@code V5}), and it is the only caller.
 */
public final class TriageIssue implements IssueTriage {
  private static final Logger log = LoggerFactory.getLogger(TriageIssue.class);

  private final Function<IssueText, List<SignatureMatch>> matcher;
  private final DecideTriage decide;
  private final PlanExecutor executor;
  private final TriageAudit audit;
  private final IssueHistory history;
  private final TriageReview review;

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
    this.review = Objects.requireNonNull(review, "review");
    this.history = Objects.requireNonNull(history, "history");
    this.matcher = Objects.requireNonNull(matcher, "matcher");
    this.decide = Objects.requireNonNull(decide, "decide");
    this.executor = Objects.requireNonNull(executor, "executor");
    this.audit = Objects.requireNonNull(audit, "audit");
  }

  @Override
  public void triage(IssueEvent event) {
    TriageFacts facts = facts(event);
    TriagePlan plan = decide.decide(facts);
    Execution execution = executor.execute(plan);
    audit.record(event.deliveryId(), plan, execution);
    review.executed(event, facts.matches(), plan, execution);
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
   * Everything the decision weighs. History is asked only about an issue the catalog recognises,
   * since it only ever adds to a recognised issue's comment.
   */
  private TriageFacts facts(IssueEvent event) {
    IssueSnapshot issue = event.issue();
    List<SignatureMatch> matches = matcher.apply(new IssueText(issue.title(), issue.body()));
    HistoryHints hints =
        decide
            .recognise(event, matches)
            .map(
                match ->
                    history.hints(issue, SignatureCanonical.of(match.signature()).orElse(null)))
            .orElse(HistoryHints.NONE);
    IssueRef ref =
        new IssueRef(new RepositoryRef(issue.installationId(), issue.repository()), issue.number());
    return new TriageFacts(event, matches, hints, review.prior(ref));
  }
}
