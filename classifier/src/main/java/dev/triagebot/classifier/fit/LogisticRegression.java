package dev.triagebot.classifier.fit;

import de.bwaldvogel.liblinear.Feature;
import de.bwaldvogel.liblinear.FeatureNode;
import de.bwaldvogel.liblinear.Linear;
import de.bwaldvogel.liblinear.Model;
import de.bwaldvogel.liblinear.Parameter;
import de.bwaldvogel.liblinear.Problem;
import de.bwaldvogel.liblinear.SolverType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * L2-regularised logistic regression through liblinear. Unweighted classes, so that the outputs
 * stay probabilities: thresholds, not class weights, handle the rarity of positives.
 */
public final class LogisticRegression {
  /**
   * liblinear regularises the intercept like any weight; a large constant feature makes that
   * penalty negligible, as its authors advise.
   */
  private static final double BIAS = 10;

  private static final double TOLERANCE = 1e-4;

  static {
    Linear.disableDebugOutput();
  }

  private LogisticRegression() {}

  /**
   * Fits the weights of the given features.
   *
   * @param space every feature name the model may weigh, in a fixed order
   * @param examples the labelled reports; both classes must be present
   * @param c the inverse regularisation strength (larger fits the data more closely)
   */
  public static Coefficients train(List<String> space, List<Example> examples, double c) {
    Map<String, Integer> index = new LinkedHashMap<>();
    space.forEach(name -> index.put(name, index.size() + 1));
    Problem problem = new Problem();
    problem.l = examples.size();
    problem.n = space.size() + 1;
    problem.bias = BIAS;
    problem.x = new Feature[examples.size()][];
    problem.y = new double[examples.size()];
    for (int i = 0; i < examples.size(); i++) {
      Example example = examples.get(i);
      List<Feature> row = new ArrayList<>();
      for (String name : space) {
        double value = example.features().getOrDefault(name, 0.0);
        if (value != 0) {
          row.add(new FeatureNode(index.get(name), value));
        }
      }
      row.add(new FeatureNode(space.size() + 1, BIAS));
      problem.x[i] = row.toArray(Feature[]::new);
      problem.y[i] = example.positive() ? 1 : 0;
    }
    Model model = Linear.train(problem, new Parameter(SolverType.L2R_LR, c, TOLERANCE));
    double[] w = model.getFeatureWeights();
    // liblinear orders the labels as it first meets them; the weights favour the first one.
    double sign = model.getLabels()[0] == 1 ? 1 : -1;
    Map<String, Double> weights = new LinkedHashMap<>();
    for (String name : space) {
      double weight = sign * w[index.get(name) - 1];
      if (Math.abs(weight) >= 1e-6) {
        weights.put(name, weight);
      }
    }
    return new Coefficients(weights, sign * w[space.size()] * BIAS);
  }
}
