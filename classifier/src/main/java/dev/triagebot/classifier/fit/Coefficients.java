package dev.triagebot.classifier.fit;

import dev.triagebot.classifier.catalog.FittedModel;
import java.util.Map;

/**
 * A fitted logistic model's numbers: one weight per feature and the intercept.
 *
 * @param weights non-zero weights by feature name
 * @param intercept the log-odds of a report that shows nothing
 */
public record Coefficients(Map<String, Double> weights, double intercept) {
  public Coefficients {
    weights = Map.copyOf(weights);
  }

  public double probability(Map<String, Double> features) {
    return FittedModel.probability(FittedModel.logOdds(weights, intercept, features));
  }
}
