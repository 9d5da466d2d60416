package dev.triagebot.classifier.match;

import dev.triagebot.classifier.catalog.Signature;
import java.util.List;

/**
 * How well one issue matches one signature, and why.
 *
 * @param signature the catalog entry
 * @param score the raw weighted score (sum of evidence weights)
 * @param confidence the calibrated confidence in [0,1], comparable across signatures
 * @param matched whether the confidence reaches the signature's match threshold and every required
 *     context is present
 * @param evidence what fired, strongest first
 */
public record SignatureMatch(
    Signature signature,
    double score,
    double confidence,
    boolean matched,
    List<Evidence> evidence) {
  public SignatureMatch {
    evidence = List.copyOf(evidence);
  }
}
