package dev.triagebot.classifier.eval;

import dev.triagebot.classifier.catalog.SignatureCatalog;
import dev.triagebot.classifier.match.SignatureMatch;
import dev.triagebot.classifier.match.SignatureMatcher;
import java.util.List;
import java.util.Optional;

/** Classifies every record of a dataset and counts, per signature and per label, how it went. */
public final class Evaluation {
  private final SignatureCatalog catalog;
  private final SignatureMatcher matcher;

  public Evaluation(SignatureCatalog catalog, SignatureMatcher matcher) {
    this.catalog = catalog;
    this.matcher = matcher;
  }

  public EvaluationReport run(Dataset dataset) {
    // One untimed pass warms the JIT, so the reported time is that of a running service.
    dataset.issues().forEach(issue -> matcher.score(issue.text()));
    Tally tally = new Tally(catalog);
    long nanos = 0;
    for (LabelledIssue issue : dataset.issues()) {
      long start = System.nanoTime();
      List<SignatureMatch> results = matcher.score(issue.text());
      nanos += System.nanoTime() - start;
      tally.add(issue, results);
    }
    double millisPerIssue = dataset.issues().isEmpty() ? 0 : nanos / 1e6 / dataset.issues().size();
    return tally.report(dataset.rejected(), millisPerIssue, Optional.empty());
  }
}
