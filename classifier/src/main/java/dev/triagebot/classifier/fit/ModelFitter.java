package dev.triagebot.classifier.fit;

import java.util.ArrayList;
import java.util.List;

/**
 * Fits a signature's weights and thresholds on labelled reports: the regularisation strength and
 * both thresholds are chosen on out-of-fold predictions (cross-validation inside the given data),
 * then the weights are fitted on all of it. Training-only reports (the team's own, written rather
 * than real) join every fold's training but never choose a threshold: thresholds must hold on
 * reports like those the bot will see.
 */
public final class ModelFitter {
  /** Candidate inverse regularisation strengths; few positives want strong regularisation. */
  static final double[] C_GRID = {0.03, 0.1, 0.3, 1, 3, 10};

  /** Inner cross-validations, each with its own fold assignment, whose predictions are pooled. */
  static final int REPEATS = 3;

  private final List<String> space;
  private final Settings settings;

  /**
   * How to fit.
   *
   * @param folds folds of the inner cross-validation
   * @param seed seed of the fold assignment
   * @param targetPrecision the precision the match threshold aims for
   */
  public record Settings(int folds, long seed, double targetPrecision) {
    public Settings {
      if (targetPrecision <= 0 || targetPrecision > 1) {
        throw new IllegalArgumentException(
            "target precision must be in (0,1], got " + targetPrecision);
      }
    }
  }

  /**
   * The outcome of a fit.
   *
   * @param coefficients the weights fitted on all the data
   * @param c the chosen inverse regularisation strength
   * @param threshold the match threshold
   * @param needsLook the "needs a look" threshold
   */
  public record Fit(Coefficients coefficients, double c, double threshold, double needsLook) {}

  public ModelFitter(List<String> space, Settings settings) {
    this.space = List.copyOf(space);
    this.settings = settings;
  }

  public Fit fit(List<Example> examples) {
    return fit(examples, List.of());
  }

  public Fit fit(List<Example> examples, List<Example> trainingOnly) {
    double bestC = C_GRID[0];
    double bestLoss = Double.POSITIVE_INFINITY;
    List<Scored> bestOutOfFold = List.of();
    for (double c : C_GRID) {
      List<Scored> outOfFold = repeatedOutOfFold(examples, trainingOnly, c);
      double loss = logLoss(outOfFold);
      if (loss < bestLoss) {
        bestLoss = loss;
        bestC = c;
        bestOutOfFold = outOfFold;
      }
    }
    double threshold = ThresholdChoice.matchThreshold(bestOutOfFold, settings.targetPrecision());
    double needsLook = ThresholdChoice.needsLookThreshold(bestOutOfFold, threshold);
    List<Example> all = new ArrayList<>(examples);
    all.addAll(trainingOnly);
    Coefficients coefficients = LogisticRegression.train(space, all, bestC);
    return new Fit(coefficients, bestC, threshold, needsLook);
  }

  /**
   * Out-of-fold probabilities of every example, once per repeat with differently seeded folds: with
   * a few dozen positives one fold assignment alone moves a threshold by chance.
   */
  private List<Scored> repeatedOutOfFold(
      List<Example> examples, List<Example> trainingOnly, double c) {
    List<Scored> scored = new ArrayList<>();
    for (int repeat = 0; repeat < REPEATS; repeat++) {
      int[] fold = Folds.assign(examples, settings.folds(), settings.seed() + 7919L * repeat);
      for (int k = 0; k < settings.folds(); k++) {
        List<Example> training = new ArrayList<>(Folds.select(examples, fold, k, false));
        training.addAll(trainingOnly);
        Coefficients model = LogisticRegression.train(space, training, c);
        for (Example held : Folds.select(examples, fold, k, true)) {
          scored.add(new Scored(held, model.probability(held.features())));
        }
      }
    }
    return scored;
  }

  /** Mean log-loss: a proper scoring rule, so the chosen strength keeps probabilities honest. */
  static double logLoss(List<Scored> scored) {
    double sum = 0;
    for (Scored s : scored) {
      double p = Math.min(1 - 1e-9, Math.max(1e-9, s.probability()));
      sum -= s.example().positive() ? Math.log(p) : Math.log(1 - p);
    }
    return sum / scored.size();
  }
}
