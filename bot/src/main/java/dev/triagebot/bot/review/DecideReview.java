package dev.triagebot.bot.review;

import dev.triagebot.bot.triage.TriageComment;
import dev.triagebot.bot.triage.Withdrawal;
import dev.triagebot.classifier.catalog.Signature;
import dev.triagebot.classifier.catalog.SignatureCatalog;
import dev.triagebot.classifier.match.SignatureMatch;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The review decision, pure: a suggestion as stored and what a person asked give a {@link
 * ReviewPlan}, or nothing when the suggestion's state leaves nothing to do. No I/O, no GitHub.
 */
public final class DecideReview {
  private static final Set<SuggestionStatus> ACCEPTABLE =
      Set.of(SuggestionStatus.PENDING, SuggestionStatus.OBJECTED);
  private static final Set<SuggestionStatus> REJECTABLE =
      Set.of(SuggestionStatus.PENDING, SuggestionStatus.ACCEPTED, SuggestionStatus.OBJECTED);

  private final SignatureCatalog catalog;
  private final TriageComment comment;

  public DecideReview(SignatureCatalog catalog, TriageComment comment) {
    this.catalog = catalog;
    this.comment = comment;
  }

  /** The plan for a request from the review page. */
  public Optional<ReviewPlan> decide(Suggestion suggestion, ReviewRequest request) {
    return switch (request.verb()) {
      case ACCEPT -> accept(suggestion, request.by());
      case REJECT -> reject(suggestion, request.by(), request.reason());
    };
  }

  /**
   * Accepting applies the suggested labels the bot has not applied yet and counts every label of
   * the suggestion accepted; the comment stays.
   */
  public Optional<ReviewPlan> accept(Suggestion suggestion, String by) {
    if (!ACCEPTABLE.contains(suggestion.status())) {
      return Optional.empty();
    }
    return Optional.of(
        new ReviewPlan(
            suggestion,
            SuggestionStatus.ACCEPTED,
            by,
            null,
            suggestion.labelsToApply(),
            List.of(),
            Optional.empty(),
            Optional.of(SuggestionStatus.ACCEPTED)));
  }

  /**
   * Rejecting withdraws the suggestion: the labels the bot applied come off (never one a person
   * added), and the comment loses its duplicate link and says who rejected it.
   */
  public Optional<ReviewPlan> reject(Suggestion suggestion, String by, String reason) {
    if (!REJECTABLE.contains(suggestion.status())) {
      return Optional.empty();
    }
    return Optional.of(
        new ReviewPlan(
            suggestion,
            SuggestionStatus.REJECTED,
            by,
            reason,
            List.of(),
            suggestion.botAppliedLabels(),
            withdrawn(suggestion, List.of(), new Withdrawal(Withdrawal.Kind.REJECTED, by, reason)),
            Optional.of(SuggestionStatus.REJECTED)));
  }

  /**
   * An objection (a 👎, or the reporter saying it is not this problem) takes the duplicate link out
   * of the comment and leaves the labels for a maintainer to decide.
   */
  public Optional<ReviewPlan> object(Suggestion suggestion, String by, String how) {
    if (suggestion.status() != SuggestionStatus.PENDING) {
      return Optional.empty();
    }
    return Optional.of(
        new ReviewPlan(
            suggestion,
            SuggestionStatus.OBJECTED,
            by,
            how,
            List.of(),
            List.of(),
            withdrawn(
                suggestion,
                suggestion.botAppliedLabels(),
                new Withdrawal(Withdrawal.Kind.OBJECTED, by, "")),
            Optional.empty()));
  }

  /**
   * The comment saying the suggestion was withdrawn; none for a needs-a-look report (never shown on
   * the issue) or a signature no longer in the catalog (nothing to render the comment from).
   */
  private Optional<String> withdrawn(
      Suggestion suggestion, List<String> labelsStaying, Withdrawal withdrawal) {
    if (suggestion.needsLook()) {
      return Optional.empty();
    }
    Optional<Signature> signature = catalog.find(suggestion.signatureId());
    return signature.map(
        found ->
            comment.renderWithdrawn(
                new SignatureMatch(
                    found,
                    suggestion.score(),
                    suggestion.confidence(),
                    true,
                    suggestion.evidence()),
                labelsStaying,
                withdrawal));
  }
}
