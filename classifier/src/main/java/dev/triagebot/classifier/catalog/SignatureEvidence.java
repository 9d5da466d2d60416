package dev.triagebot.classifier.catalog;

import java.util.List;

/**
 * What identifies a signature: facets that must all be present, and exclusions that mark a
 * look-alike report of a different bug.
 *
 * @param facets every one must be shown by at least one signal
 * @param exclusions any one lowers the confidence by its weight
 */
public record SignatureEvidence(List<Facet> facets, List<Signal> exclusions) {
  public SignatureEvidence {
    facets = List.copyOf(facets);
    exclusions = List.copyOf(exclusions);
  }
}
