package dev.triagebot.bot.triage;

import dev.triagebot.classifier.match.SignatureMatch;
import java.util.List;

/**
 * The maintainers' say in triage: a plan may be held back because they already rejected it, and
 * every carried-out plan is reported so that its suggestion can be followed up.
 */
public interface TriageReview {
  /** No review: every plan goes ahead, outcomes go unrecorded. */
  TriageReview NONE =
      new TriageReview() {
        @Override
        public TriagePlan review(IssueEvent event, TriagePlan plan) {
          return plan;
        }

        @Override
        public void executed(
            IssueEvent event, List<SignatureMatch> matches, TriagePlan plan, Execution execution) {}
      };

  /** The plan to carry out: {@code plan} itself, or a skip saying why it is held back. */
  TriagePlan review(IssueEvent event, TriagePlan plan);

  /** Hears what became of a plan, after it is audited. */
  void executed(
      IssueEvent event, List<SignatureMatch> matches, TriagePlan plan, Execution execution);
}
