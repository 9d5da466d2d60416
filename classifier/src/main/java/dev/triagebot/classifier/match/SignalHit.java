package dev.triagebot.classifier.match;

import dev.triagebot.classifier.catalog.Signal;

/**
 * One signal of a signature that fired in one field of an issue, before any weight is attached.
 *
 * @param signal the catalog signal
 * @param facet the facet the signal belongs to, or {@code null} for an exclusion
 * @param field {@code title} or {@code body}
 * @param quote the words that matched, short and on one line
 */
public record SignalHit(Signal signal, String facet, String field, String quote) {

  public boolean exclusion() {
    return facet == null;
  }
}
