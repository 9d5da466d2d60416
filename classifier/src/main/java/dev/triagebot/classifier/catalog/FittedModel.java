package dev.triagebot.classifier.catalog;

import java.time.LocalDate;
import java.util.Map;

/**
 * The numbers of a signature fitted on labelled reports by the {@code fit} command: a logistic
 * regression over the signature's features ({@link FeatureNames}), so that the confidence is a
 * probability, and the thresholds chosen on cross-validation. The structure it weighs (facets,
 * signals, exclusions) stays the reviewed catalog entry's.
 *
 * @param weights the coefficient of each feature that carries one; absent features weigh 0
 * @param intercept the log-odds of an issue that shows nothing
 * @param threshold the probability from which an issue matches
 * @param needsLook the probability from which an issue that does not match is still worth a
 *     maintainer's look (never shown publicly); at most {@code threshold}
 * @param fittedOn the day the {@code fit} command wrote the file, so that review can count the
 *     verdicts made since; null for a model fitted in memory (a cross-validation fold)
 * @param source the fitted file, for messages
 */
public record FittedModel(
    Map<String, Double> weights,
    double intercept,
    double threshold,
    double needsLook,
    LocalDate fittedOn,
    String source) {
  public FittedModel {
    weights = Map.copyOf(weights);
  }

  /** The log-odds of a set of features. */
  public double logOdds(Map<String, Double> features) {
    return logOdds(weights, intercept, features);
  }

  /** The log-odds a logistic model with these weights and intercept gives a set of features. */
  public static double logOdds(
      Map<String, Double> weights, double intercept, Map<String, Double> features) {
    double sum = intercept;
    for (Map.Entry<String, Double> feature : features.entrySet()) {
      sum += weights.getOrDefault(feature.getKey(), 0.0) * feature.getValue();
    }
    return sum;
  }

  public double weight(String feature) {
    return weights.getOrDefault(feature, 0.0);
  }

  public static double probability(double logOdds) {
    return 1 / (1 + Math.exp(-logOdds));
  }
}
