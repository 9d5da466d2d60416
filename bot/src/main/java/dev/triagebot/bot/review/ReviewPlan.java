package dev.triagebot.bot.review;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one review action (accept, reject, object) does: the value {@link DecideReview} returns,
 * {@link ReviewActions} carries out through the executor, and tests assert.
 *
 * @param suggestion the suggestion acted on, as it stood when decided
 * @param status its status afterwards
 * @param by who decided (a login, or the review page)
 * @param reason why, when they said; null otherwise
 * @param labelsToAdd labels to put on the issue (the executor keeps those the repository defines)
 * @param labelsToRemove labels to take off the issue: only ever ones the bot applied
 * @param comment the new body of the bot's comment on the issue; empty to leave it as it is
 * @param labelOutcome what becomes of every label of the suggestion; empty to leave them
 */
public record ReviewPlan(
    Suggestion suggestion,
    SuggestionStatus status,
    String by,
    String reason,
    List<String> labelsToAdd,
    List<String> labelsToRemove,
    Optional<String> comment,
    Optional<SuggestionStatus> labelOutcome) {
  public ReviewPlan {
    Objects.requireNonNull(suggestion, "suggestion");
    Objects.requireNonNull(status, "status");
    labelsToAdd = List.copyOf(labelsToAdd);
    labelsToRemove = List.copyOf(labelsToRemove);
    Objects.requireNonNull(comment, "comment");
    Objects.requireNonNull(labelOutcome, "labelOutcome");
  }
}
