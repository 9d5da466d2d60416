package dev.triagebot.bot.review;

import dev.triagebot.bot.issue.IssueRef;
import dev.triagebot.bot.issue.IssueSnapshot;
import dev.triagebot.bot.triage.IssueEvent;
import dev.triagebot.bot.triage.IssueTriage;
import dev.triagebot.bot.triage.PlanExecutor;
import dev.triagebot.bot.triage.TriageComment;
import dev.triagebot.bot.triage.Withdrawal;
import dev.triagebot.classifier.catalog.Signature;
import dev.triagebot.classifier.catalog.SignatureCatalog;
import dev.triagebot.classifier.match.SignatureMatch;
import dev.triagebot.classifier.text.IssueText;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What maintainers and objectors can do to a suggestion: accept, reject, object, explain, rerun.
 * The one implementation behind both the {@code /triage} commands and the review page's buttons;
 * every effect on GitHub goes through the {@link PlanExecutor}.
 */
public final class ReviewActions {
  private static final Logger log = LoggerFactory.getLogger(ReviewActions.class);

  private static final Set<SuggestionStatus> ACCEPTABLE =
      Set.of(SuggestionStatus.PENDING, SuggestionStatus.OBJECTED);
  private static final Set<SuggestionStatus> REJECTABLE =
      Set.of(SuggestionStatus.PENDING, SuggestionStatus.ACCEPTED, SuggestionStatus.OBJECTED);

  private final Suggestions suggestions;
  private final PlanExecutor executor;
  private final TriageComment comment;
  private final ExplainReply explain;
  private final SignatureCatalog catalog;
  private final Function<IssueText, List<SignatureMatch>> matcher;
  private final IssueTriage triage;

  public ReviewActions(
      Suggestions suggestions,
      PlanExecutor executor,
      TriageComment comment,
      ExplainReply explain,
      SignatureCatalog catalog,
      Function<IssueText, List<SignatureMatch>> matcher,
      IssueTriage triage) {
    this.suggestions = suggestions;
    this.executor = executor;
    this.comment = comment;
    this.explain = explain;
    this.catalog = catalog;
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
    if (!ACCEPTABLE.contains(suggestion.status())) {
      return false;
    }
    List<String> wanted = suggestion.labelsToApply();
    List<String> added = executor.addLabels(suggestion.issue(), wanted);
    suggestions.botApplied(suggestion.id(), added);
    suggestions.labelOutcome(
        suggestion.id(),
        suggestion.labels().stream().map(Suggestion.Label::name).toList(),
        SuggestionStatus.ACCEPTED);
    suggestions.decide(suggestion.id(), SuggestionStatus.ACCEPTED, by, null);
    log.info(
        "{}: suggestion {} accepted by {}; labels added {}",
        suggestion.issue(),
        suggestion.signatureId(),
        by,
        added);
    return true;
  }

  /**
   * Withdraws the suggestion: removes the labels the bot applied (never one a person added), takes
   * out the duplicate link, and says in the comment who rejected it.
   *
   * @return false when there was nothing to reject
   */
  public boolean reject(Suggestion suggestion, String by, String reason) {
    if (!REJECTABLE.contains(suggestion.status())) {
      return false;
    }
    executor.removeLabels(suggestion.issue(), suggestion.botAppliedLabels());
    withdrawInComment(suggestion, List.of(), new Withdrawal(Withdrawal.Kind.REJECTED, by, reason));
    suggestions.labelOutcome(
        suggestion.id(),
        suggestion.labels().stream().map(Suggestion.Label::name).toList(),
        SuggestionStatus.REJECTED);
    suggestions.decide(suggestion.id(), SuggestionStatus.REJECTED, by, reason);
    log.info(
        "{}: suggestion {} rejected by {}; labels removed {}",
        suggestion.issue(),
        suggestion.signatureId(),
        by,
        suggestion.botAppliedLabels());
    return true;
  }

  /**
   * Records an objection (a 👎, or the reporter saying it is not this problem): the duplicate link
   * goes from the comment, the labels stay for a maintainer to decide, and the signature is counted
   * wrong.
   *
   * @return false when the suggestion was already decided
   */
  public boolean object(Suggestion suggestion, String by, String how) {
    if (suggestion.status() != SuggestionStatus.PENDING) {
      return false;
    }
    withdrawInComment(
        suggestion,
        suggestion.botAppliedLabels(),
        new Withdrawal(Withdrawal.Kind.OBJECTED, by, ""));
    suggestions.decide(suggestion.id(), SuggestionStatus.OBJECTED, by, how);
    log.info(
        "{}: suggestion {} objected to by {} ({})",
        suggestion.issue(),
        suggestion.signatureId(),
        by,
        how);
    return true;
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

  private void withdrawInComment(
      Suggestion suggestion, List<String> labelsStaying, Withdrawal withdrawal) {
    if (suggestion.needsLook()) {
      return; // never shown on the issue, so there is no comment to withdraw it from
    }
    Optional<Signature> signature = catalog.find(suggestion.signatureId());
    if (signature.isEmpty()) {
      // The signature left the catalog since: nothing to re-render the comment from.
      log.warn(
          "{}: signature {} is no longer in the catalog; comment left as it is",
          suggestion.issue(),
          suggestion.signatureId());
      return;
    }
    SignatureMatch match =
        new SignatureMatch(
            signature.get(),
            suggestion.score(),
            suggestion.confidence(),
            true,
            suggestion.evidence());
    executor.replaceOurComment(
        suggestion.issue(), comment.renderWithdrawn(match, labelsStaying, withdrawal));
  }
}
