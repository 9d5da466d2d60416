package dev.triagebot.classifier.eval;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * How well the similar-issue index links duplicates and suggests labels on a dataset, given a
 * history. Serialises to JSON as {@code {"duplicates": {...}, "label_suggestions": {...}}}.
 *
 * @param historySize how many history issues were indexed
 * @param datasetSize how many dataset records were evaluated
 * @param duplicates duplicate-link scores over records that carry {@code duplicate_of}
 * @param labelSuggestions per-label scores of the suggestions, by label
 */
public record HistoryEvaluationResult(
    @JsonProperty("history_size") int historySize,
    @JsonProperty("dataset_size") int datasetSize,
    @JsonProperty("duplicates") DuplicateLinkScores duplicates,
    @JsonProperty("label_suggestions") SortedMap<String, LabelScores> labelSuggestions) {
  public HistoryEvaluationResult {
    labelSuggestions = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(labelSuggestions));
  }

  /**
   * Duplicate links. Only the links the comment would show count, in their order (the signature's
   * canonical issue first when a signature hint was given). A link is correct when it is the
   * record's {@code duplicate_of} or any issue that one leads to through "closed as duplicate of".
   *
   * @param records dataset records carrying {@code duplicate_of}
   * @param linked how many of them got at least one link
   * @param correctAt1 how many had a correct first link
   * @param correctAt3 how many had a correct link among the first three
   * @param linksAt3 how many links were shown among the first three, over all records
   * @param precisionAt1 {@code correctAt1 / linked}, null if nothing was linked
   * @param precisionAt3 correct links among the first three / {@code linksAt3}, null if none
   * @param recallAt3 {@code correctAt3 / records}, null if no record carries {@code duplicate_of}
   * @param misses ids of the records whose duplicate was not among the first three links
   * @param otherRecords dataset records without {@code duplicate_of}
   * @param otherRecordsLinked how many of those got a link anyway (related, or a false alarm)
   */
  public record DuplicateLinkScores(
      @JsonProperty("records") int records,
      @JsonProperty("linked") int linked,
      @JsonProperty("correct_at_1") int correctAt1,
      @JsonProperty("correct_at_3") int correctAt3,
      @JsonProperty("links_at_3") int linksAt3,
      @JsonProperty("precision_at_1") Double precisionAt1,
      @JsonProperty("precision_at_3") Double precisionAt3,
      @JsonProperty("recall_at_3") Double recallAt3,
      @JsonProperty("misses") List<String> misses,
      @JsonProperty("other_records") int otherRecords,
      @JsonProperty("other_records_linked") int otherRecordsLinked) {
    public DuplicateLinkScores {
      misses = List.copyOf(misses);
    }
  }

  /**
   * One label's suggestions against the labels the dataset records carry.
   *
   * @param expected records carrying the label
   * @param suggested records it was suggested for
   * @param correct records it was suggested for and carry it
   * @param precision {@code correct / suggested}, null if never suggested
   * @param recall {@code correct / expected}, null if no record carries it
   */
  public record LabelScores(
      @JsonProperty("expected") int expected,
      @JsonProperty("suggested") int suggested,
      @JsonProperty("correct") int correct,
      @JsonProperty("precision") Double precision,
      @JsonProperty("recall") Double recall) {}

  /** Labels' scores with the given counts, in label order. */
  static SortedMap<String, LabelScores> labelScores(
      Map<String, Integer> expected, Map<String, Integer> suggested, Map<String, Integer> correct) {
    SortedMap<String, LabelScores> scores = new TreeMap<>();
    java.util.Set<String> labels = new java.util.TreeSet<>(expected.keySet());
    labels.addAll(suggested.keySet());
    for (String label : labels) {
      int e = expected.getOrDefault(label, 0);
      int s = suggested.getOrDefault(label, 0);
      int c = correct.getOrDefault(label, 0);
      scores.put(label, new LabelScores(e, s, c, ratio(c, s), ratio(c, e)));
    }
    return scores;
  }

  static Double ratio(int numerator, int denominator) {
    return denominator == 0 ? null : (double) numerator / denominator;
  }
}
