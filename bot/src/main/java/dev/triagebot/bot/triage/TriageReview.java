package dev.triagebot.bot.triage;

import dev.triagebot.bot.issue.IssueRef;
import dev.triagebot.classifier.match.SignatureMatch;
import java.util.List;
import java.util.Optional;

/**
 * The maintainers' say in triage: what became of the bot's current suggestion on an issue (a fact
 * the decision weighs), and every carried-out plan, so that its suggestion can be followed up.
 */
public interface TriageReview {
  /** No review: nothing was ever suggested, outcomes go unrecorded. */
  TriageReview NONE =
      new TriageReview() {
        @Override
        public Optional<PriorVerdict> prior(IssueRef issue) {
          return Optional.empty();
        }

        @Override
        public void executed(
            IssueEvent event, List<SignatureMatch> matches, TriagePlan plan, Execution execution) {}
      };

  /** What became of the bot's current suggestion on the issue; empty when it has none. */
  Optional<PriorVerdict> prior(IssueRef issue);

  /** Hears what became of a plan, after it is audited. */
  void executed(
      IssueEvent event, List<SignatureMatch> matches, TriagePlan plan, Execution execution);
}
