package dev.triagebot.bot.review;

import dev.triagebot.bot.issue.IssueRef;
import dev.triagebot.bot.triage.Execution;
import dev.triagebot.bot.triage.IssueEvent;
import dev.triagebot.bot.triage.MatchScore;
import dev.triagebot.bot.triage.PriorVerdict;
import dev.triagebot.bot.triage.TriagePlan;
import dev.triagebot.bot.triage.TriageReview;
import dev.triagebot.classifier.match.SignatureMatch;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Review's side of triage: tells the decision what became of the issue's current suggestion (so
 * that it holds back what a maintainer rejected or someone objected to, until a maintainer asks for
 * {@code /triage rerun}), and records each suggestion the bot makes, and each report too thin to
 * decide as "needs a look" for maintainers only (a later edit or rerun supersedes a pending one).
 */
public final class RecordSuggestions implements TriageReview {

  private final Suggestions suggestions;

  public RecordSuggestions(Suggestions suggestions) {
    this.suggestions = suggestions;
  }

  @Override
  public Optional<PriorVerdict> prior(IssueRef issue) {
    return suggestions
        .current(issue.repository().fullName(), issue.number())
        .flatMap(RecordSuggestions::verdict);
  }

  /** A suggestion as the decision weighs it; a superseded one is never current. */
  private static Optional<PriorVerdict> verdict(Suggestion suggestion) {
    PriorVerdict.Outcome outcome =
        switch (suggestion.status()) {
          case PENDING -> PriorVerdict.Outcome.PENDING;
          case ACCEPTED -> PriorVerdict.Outcome.ACCEPTED;
          case REJECTED -> PriorVerdict.Outcome.REJECTED;
          case OBJECTED -> PriorVerdict.Outcome.OBJECTED;
          case SUPERSEDED -> null;
        };
    return Optional.ofNullable(outcome)
        .map(known -> new PriorVerdict(suggestion.signatureId(), known));
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
      suggestions.atomically(
          () -> {
            current
                .filter(s -> s.status() == SuggestionStatus.PENDING)
                .ifPresent(s -> suggestions.supersede(s.id()));
            look.ifPresent(
                score -> {
                  SignatureMatch match = matchOf(matches, score.signatureId());
                  suggestions.recordNeedsLook(
                      event.issue(), match, event.issue().lacking(match.signature().labels()));
                });
          });
      return;
    }
    if (decidedBefore(current, plan.signatureId(), event)) {
      return;
    }
    Set<String> botApplied = new LinkedHashSet<>(execution.labelsAdded());
    Optional<Suggestion> replaced = current.filter(s -> s.status() == SuggestionStatus.PENDING);
    replaced
        .filter(s -> s.signatureId().equals(plan.signatureId()))
        // Labels the bot applied before stay the bot's: a reject must still remove them.
        .ifPresent(s -> botApplied.addAll(s.botAppliedLabels()));
    SignatureMatch match = matchOf(matches, plan.signatureId());
    suggestions.atomically(
        () -> {
          replaced.ifPresent(s -> suggestions.supersede(s.id()));
          suggestions.record(
              event.issue(),
              match,
              plan.duplicateOf(),
              execution.commentId(),
              botApplied,
              plan.labelsSuggested());
        });
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
