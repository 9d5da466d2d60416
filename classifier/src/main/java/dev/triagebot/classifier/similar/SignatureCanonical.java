package dev.triagebot.classifier.similar;

import dev.triagebot.classifier.match.SignatureMatch;
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

  /** The canonical issue of a match, if its signature names one. */
  public static Optional<SignatureCanonical> of(SignatureMatch match) {
    int issue = match.signature().canonicalIssue();
    return issue > 0
        ? Optional.of(new SignatureCanonical(match.signature().id(), issue))
        : Optional.empty();
  }
}
