package dev.triagebot.classifier.eval;

import dev.triagebot.classifier.catalog.Signature;
import dev.triagebot.classifier.similar.IndexedIssue;
import java.util.ArrayList;
import java.util.List;

/**
 * What a repository's history teaches one signature: the canonical issue and the issues closed as
 * duplicates of it are instances, issues whose fate is settled otherwise (closed, or a duplicate of
 * something else) are not, and open issues nobody has judged yet teach nothing. The examples only
 * join the training of {@code fit}; they never choose thresholds, since nobody reviewed them record
 * by record.
 */
public final class HistoryExamples {
  /** What was kept and why the rest was left out, for the operator. */
  public record Split(List<LabelledIssue> examples, int instances, int others, int undecided) {}

  private HistoryExamples() {}

  public static Split of(List<HistoryRecord> history, Signature signature) {
    List<LabelledIssue> examples = new ArrayList<>();
    int instances = 0;
    int others = 0;
    int undecided = 0;
    for (HistoryRecord record : history) {
      Integer canonical = signature.canonicalIssue();
      boolean instance =
          record.signatures().contains(signature.id())
              || canonical.equals(record.number())
              || canonical.equals(record.duplicateOf());
      if (instance) {
        instances++;
      } else if (record.state() == IndexedIssue.State.CLOSED || record.duplicateOf() != null) {
        others++;
      } else {
        undecided++;
        continue;
      }
      examples.add(
          new LabelledIssue(
              record.name(),
              record.text(),
              record.labels(),
              instance ? List.of(signature.id()) : List.of()));
    }
    return new Split(examples, instances, others, undecided);
  }
}
