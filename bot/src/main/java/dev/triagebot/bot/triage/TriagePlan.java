package dev.triagebot.bot.triage;

import dev.triagebot.bot.issue.IssueRef;
import dev.triagebot.classifier.similar.DuplicateLink;
import dev.triagebot.classifier.similar.LabelSuggestion;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the bot intends to do about one issue event: the value the decision returns, the executor
 * carries out, dry-run logs, the audit stores and tests assert.
 *
 * @param issue the issue acted on
 * @param action the webhook action that triggered triage ({@code opened}, {@code edited}, ...)
 * @param skipReason why the issue is left alone entirely (a pull request, a bot's issue); null if
 *     it is triaged
 * @param matches every match the matcher reported, with scores
 * @param signatureId the recognised signature, the one the comment is about; null if none
 * @param labelsToAdd labels to apply, that the issue lacks (the executor drops those the repository
 *     does not have)
 * @param labelsSuggested labels the comment suggests for a maintainer to apply
 * @param duplicateOf the canonical issue this one looks like a duplicate of; null if none
 * @param comment what happens to the bot's comment
 * @param related similar past issues the comment offers besides {@code duplicateOf}, at most 3,
 *     each with a one-line reason
 * @param historyLabels labels similar past issues voted for, suggested in the comment and never
 *     applied
 */
public record TriagePlan(
    IssueRef issue,
    String action,
    String skipReason,
    List<MatchScore> matches,
    String signatureId,
    List<String> labelsToAdd,
    List<String> labelsSuggested,
    Integer duplicateOf,
    CommentAction comment,
    List<DuplicateLink> related,
    List<LabelSuggestion> historyLabels) {

  public TriagePlan {
    Objects.requireNonNull(issue, "issue");
    matches = List.copyOf(matches);
    labelsToAdd = List.copyOf(labelsToAdd);
    labelsSuggested = List.copyOf(labelsSuggested);
    Objects.requireNonNull(comment, "comment");
    related = List.copyOf(related);
    historyLabels = List.copyOf(historyLabels);
  }

  /** A plan without anything from the repository's history. */
  public TriagePlan(
      IssueRef issue,
      String action,
      String skipReason,
      List<MatchScore> matches,
      String signatureId,
      List<String> labelsToAdd,
      List<String> labelsSuggested,
      Integer duplicateOf,
      CommentAction comment) {
    this(
        issue,
        action,
        skipReason,
        matches,
        signatureId,
        labelsToAdd,
        labelsSuggested,
        duplicateOf,
        comment,
        List.of(),
        List.of());
  }

  /** A plan that leaves the issue alone, saying why. */
  static TriagePlan skip(IssueRef issue, String action, String reason, List<MatchScore> matches) {
    return new TriagePlan(
        issue, action, reason, matches, null, List.of(), List.of(), null, CommentAction.none());
  }

  /** Whether the issue is left alone entirely. */
  public boolean skipped() {
    return skipReason != null;
  }

  /**
   * The strongest score that is no match but worth a maintainer's look, when the plan recognises
   * nothing and leaves nothing alone: what review lists as "needs a look". Never public, so the
   * plan itself adds no label and posts no comment for it.
   */
  public Optional<MatchScore> needsLook() {
    if (skipped() || signatureId != null) {
      return Optional.empty();
    }
    return matches.stream()
        .filter(MatchScore::needsLook)
        .max(Comparator.comparingDouble(MatchScore::confidence));
  }

  /** Whether carrying out the plan needs GitHub at all. */
  public boolean touchesGitHub() {
    return !labelsToAdd.isEmpty() || comment.kind() != CommentAction.Kind.NONE;
  }
}
