package dev.triagebot.bot.triage;

/** How a confidence (or a threshold on it) is shown to people, in comments, replies and pages. */
public final class Confidence {
  private Confidence() {}

  /** Rounded down, so that a near-certain 0.996 reads 99%, never a promise of 100%. */
  public static String percent(double confidence) {
    return (int) Math.floor(confidence * 100 + 1e-9) + "%";
  }
}
