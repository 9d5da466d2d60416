package dev.triagebot.bot.triage;

import dev.triagebot.bot.issue.IssueSnapshot;
import dev.triagebot.classifier.similar.SignatureCanonical;

/** Asks the repository's past issues about an issue that matched a signature. */
@FunctionalInterface
public interface IssueHistory {
  /** Asks nothing: triage as the catalog alone decides. */
  IssueHistory NONE = (issue, canonical) -> HistoryHints.NONE;

  /**
   * Links and label suggestions for this issue.
   *
   * @param issue the issue being triaged, never linked to itself
   * @param canonical the matched signature's canonical issue, or null if it names none
   */
  HistoryHints hints(IssueSnapshot issue, SignatureCanonical canonical);
}
