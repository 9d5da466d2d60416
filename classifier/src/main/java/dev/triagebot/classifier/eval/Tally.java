package dev.triagebot.classifier.eval;

import dev.triagebot.classifier.catalog.Signature;
import dev.triagebot.classifier.catalog.SignatureCatalog;
import dev.triagebot.classifier.match.SignatureMatch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Counts predictions against the truth, record by record, into an {@link EvaluationReport}; the
 * same counting serves a plain evaluation and a cross-validated one.
 */
final class Tally {
  private static final double[] TABLE = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9};

  private final Map<String, Confusion> bySignature = new TreeMap<>();
  private final Map<String, Confusion> byLabel = new TreeMap<>();
  private final Map<String, Map<String, Integer>> falsePositivesByGroup = new TreeMap<>();
  private final Map<String, Integer> groups = new TreeMap<>();
  private final Map<String, Confusion[]> table = new TreeMap<>();
  private final Map<String, Confusion> needsLook = new TreeMap<>();
  private final List<EvaluationReport.Misclassification> errors = new ArrayList<>();
  private int examples;

  Tally(SignatureCatalog catalog) {
    Set<String> applicableLabels = new HashSet<>();
    for (Signature signature : catalog.signatures()) {
      bySignature.put(signature.id(), Confusion.EMPTY);
      falsePositivesByGroup.put(signature.id(), new TreeMap<>());
      needsLook.put(signature.id(), Confusion.EMPTY);
      Confusion[] rows = new Confusion[TABLE.length];
      Arrays.fill(rows, Confusion.EMPTY);
      table.put(signature.id(), rows);
      applicableLabels.addAll(signature.labels());
    }
    applicableLabels.forEach(label -> byLabel.put(label, Confusion.EMPTY));
  }

  /** One record and every signature's result for it. */
  void add(LabelledIssue issue, List<SignatureMatch> results) {
    examples++;
    String group = issue.group().isEmpty() ? "(none)" : issue.group();
    groups.merge(group, 1, Integer::sum);
    List<String> predicted = new ArrayList<>();
    Set<String> predictedLabels = new HashSet<>();
    double best = 0;
    for (SignatureMatch result : results) {
      String id = result.signature().id();
      boolean expected = issue.signatures().contains(id);
      boolean matched = result.matched();
      best = Math.max(best, result.confidence());
      bySignature.computeIfPresent(id, (any, counts) -> counts.add(expected, matched));
      needsLook.computeIfPresent(id, (any, counts) -> counts.add(expected, result.needsLook()));
      if (matched) {
        predicted.add(id);
        predictedLabels.addAll(result.signature().labels());
        if (!expected) {
          falsePositivesByGroup.get(id).merge(group, 1, Integer::sum);
        }
      }
      Confusion[] rows = table.get(id);
      for (int i = 0; rows != null && i < TABLE.length; i++) {
        rows[i] = rows[i].add(expected, result.confidence() >= TABLE[i]);
      }
    }
    byLabel.replaceAll(
        (label, counts) ->
            counts.add(issue.labels().contains(label), predictedLabels.contains(label)));
    if (!new HashSet<>(predicted).equals(new HashSet<>(issue.signatures()))) {
      errors.add(
          new EvaluationReport.Misclassification(
              issue.id(), issue.signatures(), predicted, issue.group(), best));
    }
  }

  EvaluationReport report(
      List<String> rejected,
      double millisPerIssue,
      Optional<EvaluationReport.CrossValidationInfo> crossValidation) {
    Map<String, List<EvaluationReport.ThresholdRow>> thresholds = new LinkedHashMap<>();
    table.forEach(
        (id, rows) -> {
          List<EvaluationReport.ThresholdRow> list = new ArrayList<>();
          for (int i = 0; i < TABLE.length; i++) {
            list.add(new EvaluationReport.ThresholdRow(TABLE[i], rows[i]));
          }
          thresholds.put(id, list);
        });
    return new EvaluationReport(
        examples,
        bySignature,
        byLabel,
        errors,
        rejected,
        falsePositivesByGroup,
        groups,
        thresholds,
        needsLook,
        millisPerIssue,
        crossValidation);
  }
}
