package dev.triagebot.classifier.fit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The fit on data whose truth is known: a telling feature, a misleading one, and noise. */
class ModelFitterTest {
  private static final List<String> SPACE = List.of("telling", "misleading", "noise");

  /**
   * Positives show "telling" 90% of the time and negatives 10%; "misleading" is the reverse;
   * "noise" is a coin flip for both.
   */
  private static List<Example> data(int positives, int negatives, long seed) {
    Random random = new Random(seed);
    List<Example> examples = new ArrayList<>();
    for (int i = 0; i < positives + negatives; i++) {
      boolean positive = i < positives;
      Map<String, Double> features = new java.util.HashMap<>();
      if (random.nextDouble() < (positive ? 0.9 : 0.1)) {
        features.put("telling", 1.0);
      }
      if (random.nextDouble() < (positive ? 0.1 : 0.6)) {
        features.put("misleading", 1.0);
      }
      if (random.nextBoolean()) {
        features.put("noise", 1.0);
      }
      examples.add(new Example("r" + i, features, positive, positive ? "positive" : "near_miss"));
    }
    return examples;
  }

  @Test
  void theFitWeighsATellingFeatureUpAndAMisleadingOneDown() {
    Coefficients coefficients = LogisticRegression.train(SPACE, data(60, 240, 1), 1.0);

    assertThat(coefficients.weights().get("telling")).isGreaterThan(2);
    assertThat(coefficients.weights().get("misleading")).isLessThan(-1);
    assertThat(Math.abs(coefficients.weights().getOrDefault("noise", 0.0))).isLessThan(0.7);
    assertThat(coefficients.intercept()).isLessThan(0);
  }

  @Test
  void probabilitiesAreCalibratedOnTheTrainingRates() {
    List<Example> examples = data(100, 400, 2);
    Coefficients coefficients = LogisticRegression.train(SPACE, examples, 10);

    double meanProbability =
        examples.stream()
            .mapToDouble(e -> coefficients.probability(e.features()))
            .average()
            .orElseThrow();
    assertThat(meanProbability).isCloseTo(0.2, within(0.02));
  }

  @Test
  void strongerRegularisationShrinksTheWeights() {
    List<Example> examples = data(60, 240, 3);

    double loose = LogisticRegression.train(SPACE, examples, 10).weights().get("telling");
    double tight = LogisticRegression.train(SPACE, examples, 0.03).weights().get("telling");

    assertThat(tight).isLessThan(loose / 2);
  }

  @Test
  void foldsAreStratifiedAndTheSameForTheSameSeed() {
    List<Example> examples = data(22, 222, 4);

    int[] folds = Folds.assign(examples, 5, 42);

    assertThat(folds).isEqualTo(Folds.assign(examples, 5, 42));
    assertThat(folds).isNotEqualTo(Folds.assign(examples, 5, 43));
    for (int k = 0; k < 5; k++) {
      long positives =
          Folds.select(examples, folds, k, true).stream().filter(Example::positive).count();
      assertThat(positives).isBetween(4L, 5L);
    }
  }

  @Test
  void tooFewPositivesForTheFoldsIsACleanError() {
    assertThatThrownBy(() -> Folds.assign(data(3, 50, 5), 5, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 5 positive");
  }

  @Test
  void theFitChoosesAThresholdThatHoldsTheTargetPrecisionOnUnseenData() {
    ModelFitter.Fit fit =
        new ModelFitter(SPACE, new ModelFitter.Settings(5, 7, 0.8)).fit(data(60, 240, 6));
    List<Example> unseen = data(200, 800, 99);

    ThresholdChoice.Counts counts =
        ThresholdChoice.Counts.at(
            unseen.stream()
                .map(e -> new Scored(e, fit.coefficients().probability(e.features())))
                .toList(),
            fit.threshold());
    assertThat(counts.precision()).isGreaterThan(0.7);
    assertThat(counts.recall()).isGreaterThan(0.6);
    assertThat(fit.needsLook()).isLessThanOrEqualTo(fit.threshold());
    assertThat(Arrays.stream(ModelFitter.C_GRID).boxed().toList()).contains(fit.c());
  }

  @Test
  void theMatchThresholdIsTheLowestThatReachesTheTargetPrecision() {
    List<Scored> scored = new ArrayList<>();
    double[] positives = {0.95, 0.9, 0.8, 0.7, 0.4};
    double[] negatives = {0.75, 0.3, 0.2, 0.1, 0.05};
    for (double p : positives) {
      scored.add(new Scored(new Example("p", Map.of(), true, ""), p));
    }
    for (double n : negatives) {
      scored.add(new Scored(new Example("n", Map.of(), false, ""), n));
    }

    // From 0.31 precision is 5/6 = 0.83 with recall 1.0; from 0.76 it is 4/4 with recall 0.8.
    assertThat(ThresholdChoice.matchThreshold(scored, 0.8)).isEqualTo(0.31);
    assertThat(ThresholdChoice.matchThreshold(scored, 0.9)).isEqualTo(0.76);
    // Unreachable precision: the best F1 instead.
    assertThat(ThresholdChoice.matchThreshold(scored.subList(4, 10), 0.9)).isEqualTo(0.31);
  }
}
