package dev.triagebot.classifier.eval;

import dev.triagebot.classifier.catalog.Signature;
import dev.triagebot.classifier.catalog.SignatureCatalog;
import dev.triagebot.classifier.match.SignatureMatch;
import dev.triagebot.classifier.match.SignatureMatcher;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Classifies every record of a dataset and counts, per signature and per label, how it went. */
public final class Evaluation {
  private final SignatureCatalog catalog;
  private final SignatureMatcher matcher;

  public Evaluation(SignatureCatalog catalog, SignatureMatcher matcher) {
    this.catalog = catalog;
    this.matcher = matcher;
  }

  public EvaluationReport run(Dataset dataset) {
    Map<String, Confusion> bySignature = new TreeMap<>();
    Map<String, Confusion> byLabel = new TreeMap<>();
    Set<String> applicableLabels = new HashSet<>();
    for (Signature signature : catalog.signatures()) {
      bySignature.put(signature.id(), Confusion.EMPTY);
      applicableLabels.addAll(signature.labels());
    }
    applicableLabels.forEach(label -> byLabel.put(label, Confusion.EMPTY));
    List<EvaluationReport.Misclassification> errors = new ArrayList<>();

    for (LabelledIssue issue : dataset.issues()) {
      List<Signature> matched =
          matcher.match(issue.text()).stream().map(SignatureMatch::signature).toList();
      List<String> predicted = matched.stream().map(Signature::id).toList();
      Set<String> predictedLabels = new HashSet<>();
      matched.forEach(signature -> predictedLabels.addAll(signature.labels()));

      bySignature.replaceAll(
          (id, counts) -> counts.add(issue.signatures().contains(id), predicted.contains(id)));
      byLabel.replaceAll(
          (label, counts) ->
              counts.add(issue.labels().contains(label), predictedLabels.contains(label)));
      if (!new HashSet<>(predicted).equals(new HashSet<>(issue.signatures()))) {
        errors.add(
            new EvaluationReport.Misclassification(issue.id(), issue.signatures(), predicted));
      }
    }
    return new EvaluationReport(
        dataset.issues().size(), bySignature, byLabel, errors, dataset.rejected());
  }
}
