package dev.triagebot.classifier.similar;

import dev.triagebot.classifier.catalog.Exemplar;

/**
 * How close an issue is to the known reports of a signature: the relative BM25 similarity to the
 * nearest known instance and to the nearest known look-alike, each in [0,1], with their ids.
 */
public record ExemplarSimilarity(
    double instances, String nearestInstance, double lookAlikes, String nearestLookAlike) {
  public static final ExemplarSimilarity NONE = new ExemplarSimilarity(0, null, 0, null);

  /** Keeps the nearest instance and the nearest look-alike among the hits offered, best first. */
  static final class Nearest {
    /** Relative scores above this are not more similar, just longer; kept in [0,1]. */
    private static final double MAX_RELATIVE = 1.0;

    private ExemplarSimilarity nearest = NONE;

    void offer(Exemplar exemplar, double relative) {
      double similarity = Math.min(MAX_RELATIVE, relative);
      if (exemplar.instance() && similarity > nearest.instances()) {
        nearest =
            new ExemplarSimilarity(
                similarity, exemplar.id(), nearest.lookAlikes(), nearest.nearestLookAlike());
      } else if (!exemplar.instance() && similarity > nearest.lookAlikes()) {
        nearest =
            new ExemplarSimilarity(
                nearest.instances(), nearest.nearestInstance(), similarity, exemplar.id());
      }
    }

    ExemplarSimilarity result() {
      return nearest;
    }
  }
}
