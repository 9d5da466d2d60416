package dev.triagebot.classifier.eval;

import java.util.List;
import java.util.Map;

/**
 * The outcome of classifying a labelled dataset.
 *
 * @param examples how many records were classified
 * @param signatures counts per signature id
 * @param labels counts per label the bot can apply, against each record's labels
 * @param errors the records whose predicted signatures differ from the expected ones
 * @param rejected the dataset lines that could not be read
 */
public record EvaluationReport(
    int examples,
    Map<String, Confusion> signatures,
    Map<String, Confusion> labels,
    List<Misclassification> errors,
    List<String> rejected) {

  /** A record whose predicted signatures differ from the expected ones. */
  public record Misclassification(String id, List<String> expected, List<String> predicted) {}
}
