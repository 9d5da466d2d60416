package dev.triagebot.classifier.eval;

/**
 * Counts of one binary decision over a dataset, with the usual rates. A rate whose denominator is
 * zero is reported as 0.
 */
public record Confusion(int tp, int fp, int fn, int tn) {
  public static final Confusion EMPTY = new Confusion(0, 0, 0, 0);

  /** These counts plus one decision. */
  public Confusion add(boolean expected, boolean predicted) {
    if (expected && predicted) {
      return new Confusion(tp + 1, fp, fn, tn);
    }
    if (predicted) {
      return new Confusion(tp, fp + 1, fn, tn);
    }
    if (expected) {
      return new Confusion(tp, fp, fn + 1, tn);
    }
    return new Confusion(tp, fp, fn, tn + 1);
  }

  public double precision() {
    return ratio(tp, tp + fp);
  }

  public double recall() {
    return ratio(tp, tp + fn);
  }

  public double f1() {
    double p = precision();
    double r = recall();
    return p + r == 0 ? 0 : 2 * p * r / (p + r);
  }

  private static double ratio(int numerator, int denominator) {
    return denominator == 0 ? 0 : (double) numerator / denominator;
  }
}
