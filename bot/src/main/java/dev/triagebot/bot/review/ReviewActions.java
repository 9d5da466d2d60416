package dev.triagebot.bot.review;

import dev.triagebot.bot.issue.IssueRef;
import dev.triagebot.bot.issue.IssueSnapshot;
import dev.triagebot.bot.triage.IssueEvent;
import dev.triagebot.bot.triage.IssueTriage;
import dev.triagebot.bot.triage.PlanExecutor;
import dev.triagebot.classifier.match.SignatureMatch;
import dev.triagebot.classifier.text.IssueText;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What maintainers and objectors can do to a suggestion: accept, reject, object, explain, rerun.
 * The one implementation behind the {@code /triage} commands, reactions and the review page's
 * queued requests: {@link DecideReview} decides the plan, every effect on GitHub goes through the
 * {@link PlanExecutor}, and then the store records the outcome in one transaction. GitHub comes
 * first: a failure there leaves the store as it was, and the retried job does it all again (adding
 * a label twice, or writing the same comment, changes nothing).
 */
public final class ReviewActions {
  private static final Logger log = LoggerFactory.getLogger(ReviewActions.class);

  private final Suggestions suggestions;
  private final PlanExecutor executor;
  private final DecideReview decide;
  private final ExplainReply explain;
  private final Function<IssueText, List<SignatureMatch>> matcher;
  private final IssueTriage triage;

  public ReviewActions(
      Suggestions suggestions,
      PlanExecutor executor,
      DecideReview decide,
      ExplainReply explain,
      Function<IssueText, List<SignatureMatch>> matcher,
      IssueTriage triage) {
    this.suggestions = suggestions;
    this.executor = executor;
    this.decide = decide;
    this.explain = explain;
    this.matcher = matcher;
    this.triage = triage;
  }

  /** The suggestion the issue's comment is about, if any. */
  public Optional<Suggestion> current(IssueRef issue) {
    return suggestions.current(issue.repository().fullName(), issue.number());
  }

  /**
   * Applies the suggested labels the repository has (never creating one) and records the suggestion
   * accepted.
   *
   * @return false when there was nothing to accept
   */
  public boolean accept(Suggestion suggestion, String by) {
    return carryOut(decide.accept(suggestion, by));
  }

  /**
   * Withdraws the suggestion: removes the labels the bot applied (never one a person added), takes
   * out the duplicate link, and says in the comment who rejected it.
   *
   * @return false when there was nothing to reject
   */
  public boolean reject(Suggestion suggestion, String by, String reason) {
    return carryOut(decide.reject(suggestion, by, reason));
  }

  /**
   * Records an objection (a 👎, or the reporter saying it is not this problem): the duplicate link
   * goes from the comment, the labels stay for a maintainer to decide, and the signature is counted
   * wrong.
   *
   * @return false when the suggestion was already decided
   */
  public boolean object(Suggestion suggestion, String by, String how) {
    return carryOut(decide.object(suggestion, by, how));
  }

  /**
   * Carries out a request from the review page, against the suggestion as it stands now (not as the
   * page showed it).
   *
   * @return false when the suggestion is gone or its state left nothing to do
   */
  public boolean carryOut(ReviewRequest request) {
    Optional<Suggestion> suggestion = suggestions.find(request.suggestionId());
    if (suggestion.isEmpty()) {
      log.warn(
          "{}: suggestion {} is gone; {} not carried out",
          request.issue(),
          request.suggestionId(),
          request.verb());
      return false;
    }
    return carryOut(decide.decide(suggestion.get(), request));
  }

  /** Replies on the issue with the evidence, scores and thresholds behind its classification. */
  public void explain(IssueSnapshot issue, IssueRef ref) {
    List<SignatureMatch> matches = matcher.apply(new IssueText(issue.title(), issue.body()));
    String recognised =
        current(ref).filter(s -> !s.needsLook()).map(Suggestion::signatureId).orElse(null);
    executor.reply(ref, explain.render(matches, recognised));
  }

  /** Classifies the issue's current title and body again; the new plan replaces the old one. */
  public void rerun(IssueSnapshot issue, String deliveryId) {
    triage.triage(new IssueEvent(deliveryId, IssueEvent.RERUN, issue));
  }

  private boolean carryOut(Optional<ReviewPlan> decided) {
    if (decided.isEmpty()) {
      return false;
    }
    ReviewPlan plan = decided.get();
    Suggestion suggestion = plan.suggestion();
    List<String> added = executor.addLabels(suggestion.issue(), plan.labelsToAdd());
    executor.removeLabels(suggestion.issue(), plan.labelsToRemove());
    plan.comment().ifPresent(body -> executor.replaceOurComment(suggestion.issue(), body));
    suggestions.settle(plan, added);
    log.info(
        "{}: suggestion {} {} by {}; labels added {}, removed {}",
        suggestion.issue(),
        suggestion.signatureId(),
        plan.status().column(),
        plan.by(),
        added,
        plan.labelsToRemove());
    return true;
  }
}
