package dev.triagebot.classifier.eval;

import dev.triagebot.classifier.similar.DuplicateLink;
import dev.triagebot.classifier.similar.FindRelatedIssues;
import dev.triagebot.classifier.similar.IndexedIssue;
import dev.triagebot.classifier.similar.IssueIndex;
import dev.triagebot.classifier.similar.IssueQuery;
import dev.triagebot.classifier.similar.LabelSuggestion;
import dev.triagebot.classifier.similar.LabelVoting;
import dev.triagebot.classifier.similar.LinkPolicy;
import dev.triagebot.classifier.similar.RelatedIssues;
import dev.triagebot.classifier.similar.SignatureCanonical;
import dev.triagebot.classifier.similar.SimilarIssueSearch;
import dev.triagebot.classifier.text.IssueText;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Indexes a history of past issues, then runs each dataset record through the similar-issue search,
 * the link policy and label voting, and scores the outcome: what {@code eval --history} reports.
 *
 * <p>The repository's labels are taken to be those the history uses.
 */
public final class HistoryEvaluation {
  private final SimilarIssueSearch.Settings search;
  private final LinkPolicy links;
  private final LabelVoting labels;

  public HistoryEvaluation(
      SimilarIssueSearch.Settings search, LinkPolicy links, LabelVoting labels) {
    this.search = search;
    this.links = links;
    this.labels = labels;
  }

  /** The evaluation with the production settings. */
  public static HistoryEvaluation withDefaults() {
    return new HistoryEvaluation(
        SimilarIssueSearch.Settings.defaults(), LinkPolicy.defaults(), LabelVoting.defaults());
  }

  /**
   * Reads both files and evaluates, without signature matching.
   *
   * @throws IllegalArgumentException naming file, line and key when a record is malformed
   */
  public HistoryEvaluationResult evaluate(Path history, Path dataset) {
    return evaluate(history, dataset, text -> Optional.empty());
  }

  /**
   * Reads both files and evaluates, putting the canonical issue of the signature each record
   * matches first, as the bot does.
   *
   * @param signatures the canonical issue of the best signature an issue text matches, if any
   */
  public HistoryEvaluationResult evaluate(
      Path history, Path dataset, Function<IssueText, Optional<SignatureCanonical>> signatures) {
    return evaluate(
        HistoryRecordReader.readHistory(history), HistoryRecordReader.read(dataset), signatures);
  }

  /** Evaluates records already read. */
  public HistoryEvaluationResult evaluate(
      List<HistoryRecord> history,
      List<HistoryRecord> dataset,
      Function<IssueText, Optional<SignatureCanonical>> signatures) {
    Set<String> repositoryLabels = new HashSet<>();
    history.forEach(record -> repositoryLabels.addAll(record.labels()));
    try (IssueIndex index = IssueIndex.inMemory()) {
      index.rebuild(history.stream().map(HistoryRecord::toIndexedIssue).toList());
      FindRelatedIssues related = new FindRelatedIssues(index, search, links, labels);
      DuplicateTally duplicates = new DuplicateTally();
      Map<String, Integer> expected = new HashMap<>();
      Map<String, Integer> suggested = new HashMap<>();
      Map<String, Integer> correct = new HashMap<>();
      for (HistoryRecord record : dataset) {
        IssueQuery query =
            record.number() == null
                ? IssueQuery.unnumbered(record.text())
                : IssueQuery.of(record.number(), record.text());
        RelatedIssues found =
            related.find(query, signatures.apply(record.text()), repositoryLabels, List.of());
        duplicates.add(record, found.links(), index);
        Set<String> truth = new TreeSet<>();
        record.labels().stream().filter(LabelVoting::isVotable).forEach(truth::add);
        Set<String> offered = new TreeSet<>();
        found.labels().stream().map(LabelSuggestion::label).forEach(offered::add);
        truth.forEach(label -> expected.merge(label, 1, Integer::sum));
        offered.forEach(label -> suggested.merge(label, 1, Integer::sum));
        offered.stream()
            .filter(truth::contains)
            .forEach(label -> correct.merge(label, 1, Integer::sum));
      }
      return new HistoryEvaluationResult(
          history.size(),
          dataset.size(),
          duplicates.scores(),
          HistoryEvaluationResult.labelScores(expected, suggested, correct));
    }
  }

  /** Counts for the duplicate-link scores. */
  private static final class DuplicateTally {
    private int records;
    private int linked;
    private int correctAt1;
    private int correctAt3;
    private int correctLinksAt3;
    private int linksAt3;
    private int otherRecords;
    private int otherRecordsLinked;
    private final List<String> misses = new ArrayList<>();

    void add(HistoryRecord record, List<DuplicateLink> links, IssueIndex index) {
      if (record.duplicateOf() == null) {
        otherRecords++;
        otherRecordsLinked += links.isEmpty() ? 0 : 1;
        return;
      }
      records++;
      Set<Integer> accepted = chainFrom(record.duplicateOf(), index);
      List<Integer> top = links.stream().limit(3).map(DuplicateLink::number).toList();
      if (!top.isEmpty()) {
        linked++;
        correctAt1 += accepted.contains(top.get(0)) ? 1 : 0;
      }
      linksAt3 += top.size();
      long correctLinks = top.stream().filter(accepted::contains).count();
      correctLinksAt3 += (int) correctLinks;
      if (correctLinks > 0) {
        correctAt3++;
      } else {
        misses.add(record.name());
      }
    }

    HistoryEvaluationResult.DuplicateLinkScores scores() {
      return new HistoryEvaluationResult.DuplicateLinkScores(
          records,
          linked,
          correctAt1,
          correctAt3,
          linksAt3,
          HistoryEvaluationResult.ratio(correctAt1, linked),
          HistoryEvaluationResult.ratio(correctLinksAt3, linksAt3),
          HistoryEvaluationResult.ratio(correctAt3, records),
          misses,
          otherRecords,
          otherRecordsLinked);
    }

    /** The target and every issue its "closed as duplicate of" chain leads to. */
    private static Set<Integer> chainFrom(int target, IssueIndex index) {
      Set<Integer> chain = new HashSet<>();
      Integer next = target;
      while (next != null && chain.add(next)) {
        Optional<IndexedIssue> issue = index.find(next);
        next =
            issue
                .filter(IndexedIssue::isClosedAsDuplicate)
                .map(IndexedIssue::duplicateOf)
                .orElse(null);
      }
      return chain;
    }
  }
}
