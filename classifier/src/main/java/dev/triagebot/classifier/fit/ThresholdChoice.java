package dev.triagebot.classifier.fit;

import java.util.List;

/**
 * Chooses thresholds from out-of-fold probabilities: the match threshold that reaches the target
 * precision with the most recall, and the lower "needs a look" threshold that keeps most positives
 * in a maintainer's sight.
 */
public final class ThresholdChoice {
  /** Share of the positives a maintainer should see, as a match or as "needs a look". */
  static final double LOOK_RECALL = 0.8;

  /**
   * The lowest threshold there is: thresholds are whole hundredths, finer would be false precision.
   */
  private static final double LOWEST = 0.01;

  private ThresholdChoice() {}

  /**
   * The lowest threshold whose precision reaches the target, among those with the most recall; if
   * none reaches it, the one with the best F1. Thresholds are whole hundredths.
   */
  public static double matchThreshold(List<Scored> scored, double targetPrecision) {
    double best = 0.5;
    double bestRecall = -1;
    double bestF1Threshold = 0.5;
    double bestF1 = -1;
    for (int hundredths = 1; hundredths < 100; hundredths++) {
      double t = hundredths / 100.0;
      Counts counts = Counts.at(scored, t);
      if (counts.precision() >= targetPrecision && counts.recall() > bestRecall) {
        best = t;
        bestRecall = counts.recall();
      }
      if (counts.f1() > bestF1) {
        bestF1 = counts.f1();
        bestF1Threshold = t;
      }
    }
    return bestRecall > 0 ? best : bestF1Threshold;
  }

  /** The highest threshold at or below {@code match} that keeps {@link #LOOK_RECALL} in sight. */
  public static double needsLookThreshold(List<Scored> scored, double match) {
    for (int hundredths = (int) Math.round(match * 100); hundredths > 0; hundredths--) {
      double t = hundredths / 100.0;
      if (Counts.at(scored, t).recall() >= LOOK_RECALL) {
        return t;
      }
    }
    return LOWEST;
  }

  /** Counts of a threshold over scored reports. */
  public record Counts(int tp, int fp, int fn, int tn) {
    public static Counts at(List<Scored> scored, double threshold) {
      int tp = 0;
      int fp = 0;
      int fn = 0;
      int tn = 0;
      for (Scored s : scored) {
        boolean predicted = s.probability() >= threshold;
        if (s.example().positive()) {
          if (predicted) {
            tp++;
          } else {
            fn++;
          }
        } else if (predicted) {
          fp++;
        } else {
          tn++;
        }
      }
      return new Counts(tp, fp, fn, tn);
    }

    public double precision() {
      return tp + fp == 0 ? 0 : (double) tp / (tp + fp);
    }

    public double recall() {
      return tp + fn == 0 ? 0 : (double) tp / (tp + fn);
    }

    public double f1() {
      double p = precision();
      double r = recall();
      return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }
  }
}
