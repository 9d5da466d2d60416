package dev.triagebot.classifier.similar;

import dev.triagebot.classifier.catalog.Signature;
import java.util.Optional;

/**
 * The canonical issue a matched catalog signature sends its duplicates to.
 *
 * @param signatureId the signature's id, shown as the link's reason
 * @param issue the canonical issue number
 */
public record SignatureCanonical(String signatureId, int issue) {
  public SignatureCanonical {
    if (issue <= 0) {
      throw new IllegalArgumentException("canonical issue must be positive: " + issue);
    }
  }

  /** The canonical issue of a signature, if it names one. */
  public static Optional<SignatureCanonical> of(Signature signature) {
    int issue = signature.canonicalIssue();
    return issue > 0
        ? Optional.of(new SignatureCanonical(signature.id(), issue))
        : Optional.empty();
  }
}
