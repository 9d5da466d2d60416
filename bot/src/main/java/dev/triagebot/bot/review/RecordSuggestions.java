package dev.triagebot.bot.review;

import dev.triagebot.bot.triage.Execution;
import dev.triagebot.bot.triage.IssueEvent;
import dev.triagebot.bot.triage.MatchScore;
import dev.triagebot.bot.triage.TriagePlan;
import dev.triagebot.bot.triage.TriageReview;
import dev.triagebot.classifier.match.SignatureMatch;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Review's side of triage: records each suggestion the bot makes, and each report too thin to
 * decide as "needs a look" for maintainers only (a later edit or rerun supersedes a pending one),
 * and holds back a plan that would bring back what a maintainer rejected or someone objected to,
 * until a maintainer asks for {@code /triage rerun}.
 */
public final class RecordSuggestions implements TriageReview {
  private static final Set<String> AUTOMATIC_AGAIN = Set.of("edited", "reopened");
  private static final Set<SuggestionStatus> WITHDRAWN =
      Set.of(SuggestionStatus.REJECTED, SuggestionStatus.OBJECTED);

  private final Suggestions suggestions;

  public RecordSuggestions(Suggestions suggestions) {
    this.suggestions = suggestions;
  }

  @Override
  public TriagePlan review(IssueEvent event, TriagePlan plan) {
    if (plan.skipped() || plan.signatureId() == null || !AUTOMATIC_AGAIN.contains(event.action())) {
      return plan;
    }
    Optional<Suggestion> current = current(plan);
    if (current.isPresent()
        && current.get().signatureId().equals(plan.signatureId())
        && WITHDRAWN.contains(current.get().status())) {
      return new TriagePlan(
          plan.issue(),
          plan.action(),
          "its suggestion of "
              + plan.signatureId()
              + " was "
              + current.get().status().column()
              + "; a maintainer's /triage rerun classifies it again",
          plan.matches(),
          null,
          List.of(),
          List.of(),
          null,
          dev.triagebot.bot.triage.CommentAction.none());
    }
    return plan;
  }

  @Override
  public void executed(
      IssueEvent event, List<SignatureMatch> matches, TriagePlan plan, Execution execution) {
    if (plan.skipped() || execution.failure() != null) {
      return;
    }
    Optional<Suggestion> current = current(plan);
    if (plan.signatureId() == null) {
      Optional<MatchScore> look = plan.needsLook();
      if (look.isPresent() && decidedBefore(current, look.get().signatureId(), event)) {
        return;
      }
      current
          .filter(s -> s.status() == SuggestionStatus.PENDING)
          .ifPresent(s -> suggestions.supersede(s.id()));
      look.ifPresent(
          score -> {
            SignatureMatch match = matchOf(matches, score.signatureId());
            suggestions.recordNeedsLook(
                event.issue(), match, event.issue().lacking(match.signature().labels()));
          });
      return;
    }
    if (decidedBefore(current, plan.signatureId(), event)) {
      return;
    }
    Set<String> botApplied = new LinkedHashSet<>(execution.labelsAdded());
    current.ifPresent(
        s -> {
          if (s.signatureId().equals(plan.signatureId())
              && s.status() == SuggestionStatus.PENDING) {
            // Labels the bot applied before stay the bot's: a reject must still remove them.
            botApplied.addAll(s.botAppliedLabels());
          }
          if (s.status() == SuggestionStatus.PENDING) {
            suggestions.supersede(s.id());
          }
        });
    SignatureMatch match = matchOf(matches, plan.signatureId());
    suggestions.record(
        event.issue(),
        match,
        plan.duplicateOf(),
        execution.commentId(),
        botApplied,
        plan.labelsSuggested());
  }

  /**
   * Whether a maintainer (or an objection) already decided about this signature on the issue: an
   * edit does not reopen the question, only a rerun does.
   */
  private static boolean decidedBefore(
      Optional<Suggestion> current, String signatureId, IssueEvent event) {
    return current.isPresent()
        && !IssueEvent.RERUN.equals(event.action())
        && current.get().signatureId().equals(signatureId)
        && current.get().status() != SuggestionStatus.PENDING;
  }

  private static SignatureMatch matchOf(List<SignatureMatch> matches, String signatureId) {
    return matches.stream()
        .filter(m -> m.signature().id().equals(signatureId))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("the plan's signature has no match"));
  }

  private Optional<Suggestion> current(TriagePlan plan) {
    return suggestions.current(plan.issue().repository().fullName(), plan.issue().number());
  }
}
