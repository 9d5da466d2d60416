package dev.triagebot.classifier.eval;

import dev.triagebot.classifier.catalog.Signature;
import dev.triagebot.classifier.fit.Example;
import dev.triagebot.classifier.match.Observation;
import dev.triagebot.classifier.match.SignatureMatcher;
import java.util.ArrayList;
import java.util.List;

/**
 * Labelled records observed once by the matcher: what the fitter learns from and what a
 * cross-validation fold scores, so that both see exactly the features the service computes.
 */
public final class TrainingData {
  private final List<LabelledIssue> issues;
  private final List<List<Observation>> observations;

  private TrainingData(List<LabelledIssue> issues, List<List<Observation>> observations) {
    this.issues = List.copyOf(issues);
    this.observations = List.copyOf(observations);
  }

  public static TrainingData observe(SignatureMatcher matcher, List<LabelledIssue> issues) {
    List<List<Observation>> observations = new ArrayList<>();
    for (LabelledIssue issue : issues) {
      observations.add(matcher.observe(issue.text()));
    }
    return new TrainingData(issues, observations);
  }

  public List<LabelledIssue> issues() {
    return issues;
  }

  /** Every signature's observation of record {@code i}, in catalog order. */
  public List<Observation> observations(int i) {
    return observations.get(i);
  }

  /** The observation of record {@code i} for one signature. */
  public Observation observation(int i, Signature signature) {
    return observations.get(i).stream()
        .filter(o -> o.signature().id().equals(signature.id()))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no signature " + signature.id()));
  }

  /** The records as examples of one signature. */
  public List<Example> examples(Signature signature) {
    List<Example> examples = new ArrayList<>();
    for (int i = 0; i < issues.size(); i++) {
      LabelledIssue issue = issues.get(i);
      examples.add(
          new Example(
              issue.id(),
              observation(i, signature).features(),
              issue.signatures().contains(signature.id()),
              issue.group()));
    }
    return examples;
  }
}
