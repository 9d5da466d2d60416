package dev.triagebot.classifier.similar;

/**
 * How close an issue is to the known reports of a signature: the relative BM25 similarity to the
 * nearest known instance and to the nearest known look-alike, each in [0,1], with their ids.
 */
public record ExemplarSimilarity(
    double instances, String nearestInstance, double lookAlikes, String nearestLookAlike) {
  public static final ExemplarSimilarity NONE = new ExemplarSimilarity(0, null, 0, null);
}
