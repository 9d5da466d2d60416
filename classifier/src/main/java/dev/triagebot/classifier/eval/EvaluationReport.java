package dev.triagebot.classifier.eval;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The outcome of classifying a labelled dataset.
 *
 * @param examples how many records were classified
 * @param signatures counts per signature id
 * @param labels counts per label the bot can apply, against each record's labels
 * @param errors the records whose predicted signatures differ from the expected ones
 * @param rejected the dataset lines that could not be read
 * @param falsePositivesByGroup per signature, how many records of each group matched it wrongly
 * @param groups how many records each group holds
 * @param thresholds per signature, the counts had the match threshold been 0.1, 0.2, … 0.9
 * @param needsLook per signature: the records that were "needs a look" rather than matches (tp:
 *     true instances among them, fp: the others)
 * @param millisPerIssue the mean matching time of one issue, warm, in milliseconds; 0 when not
 *     timed (cross-validation)
 * @param crossValidation how the weights were fitted, when they were fitted fold by fold
 */
public record EvaluationReport(
    int examples,
    Map<String, Confusion> signatures,
    Map<String, Confusion> labels,
    List<Misclassification> errors,
    List<String> rejected,
    Map<String, Map<String, Integer>> falsePositivesByGroup,
    Map<String, Integer> groups,
    Map<String, List<ThresholdRow>> thresholds,
    Map<String, Confusion> needsLook,
    double millisPerIssue,
    Optional<CrossValidationInfo> crossValidation) {

  /** A record whose predicted signatures differ from the expected ones. */
  public record Misclassification(
      String id, List<String> expected, List<String> predicted, String group, double confidence) {}

  /** The counts at one threshold of confidence. */
  public record ThresholdRow(double threshold, Confusion counts) {}

  /**
   * How a cross-validated evaluation was run.
   *
   * @param folds the number of folds
   * @param seed the seed of the stratified fold assignment
   * @param foldThresholds per signature, the match threshold each fold's fit chose
   */
  public record CrossValidationInfo(
      int folds, long seed, Map<String, List<Double>> foldThresholds) {}
}
