package dev.triagebot.classifier.match;

import dev.triagebot.classifier.catalog.Signature;
import java.util.List;

/**
 * How well one issue matches one signature, and why.
 *
 * @param signature the catalog entry
 * @param score the raw weighted score (sum of evidence weights; with fitted weights, the log-odds
 *     less the intercept)
 * @param confidence the calibrated confidence in [0,1], comparable across signatures
 * @param matched whether the confidence reaches the signature's match threshold (and, with hand
 *     weights, every facet is shown)
 * @param needsLook whether the issue does not match but is close enough that a maintainer should
 *     look at it; never shown publicly
 * @param evidence what fired, strongest first, each with its contribution (+/−)
 */
public record SignatureMatch(
    Signature signature,
    double score,
    double confidence,
    boolean matched,
    boolean needsLook,
    List<Evidence> evidence) {
  public SignatureMatch {
    evidence = List.copyOf(evidence);
    if (matched && needsLook) {
      throw new IllegalArgumentException("a match is not also a 'needs a look'");
    }
  }

  /** A result that is either a match or nothing to look at. */
  public SignatureMatch(
      Signature signature,
      double score,
      double confidence,
      boolean matched,
      List<Evidence> evidence) {
    this(signature, score, confidence, matched, false, evidence);
  }
}
