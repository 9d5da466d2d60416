package dev.triagebot.classifier.eval;

import dev.triagebot.classifier.catalog.Signature;
import dev.triagebot.classifier.similar.IndexedIssue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
    return of(history, signature, Map.of());
  }

  /**
   * As {@link #of(List, Signature)}, with maintainers' verdicts on the bot's suggestions, which
   * outweigh what the issue's state says: accepted makes an instance, rejected or objected an
   * other, even of an issue still open.
   *
   * @param verdicts by record name ({@link HistoryRecord#name()}): true for accepted
   */
  public static Split of(
      List<HistoryRecord> history, Signature signature, Map<String, Boolean> verdicts) {
    List<LabelledIssue> examples = new ArrayList<>();
    int instances = 0;
    int others = 0;
    int undecided = 0;
    for (HistoryRecord record : history) {
      Integer canonical = signature.canonicalIssue();
      Boolean verdict = verdicts.get(record.name());
      boolean instance =
          verdict != null
              ? verdict
              : record.signatures().contains(signature.id())
                  || canonical.equals(record.number())
                  || canonical.equals(record.duplicateOf());
      if (instance) {
        instances++;
      } else if (verdict != null
          || record.state() == IndexedIssue.State.CLOSED
          || record.duplicateOf() != null) {
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
