package dev.triagebot.classifier.match;

import dev.triagebot.classifier.catalog.Facet;
import dev.triagebot.classifier.catalog.FeatureNames;
import dev.triagebot.classifier.catalog.Signature;
import dev.triagebot.classifier.similar.ExemplarSimilarity;
import dev.triagebot.classifier.text.IssueFields;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything one signature's queries found in one issue, before it is weighed: the hits of every
 * signal and exclusion, field by field, and how similar the issue is to the signature's known
 * instances and look-alikes. Weighing is the model's job ({@link SignatureMatcher}); the fitter
 * reads the same observation as features, so what is fitted is exactly what is matched.
 *
 * @param signature the catalog entry
 * @param hits every signal and exclusion that fired, at most one per field each
 * @param exemplars similarity to the signature's known reports
 */
public record Observation(Signature signature, List<SignalHit> hits, ExemplarSimilarity exemplars) {
  public Observation {
    hits = List.copyOf(hits);
  }

  /** Whether every facet of the signature is shown by at least one of its signals. */
  public boolean everyFacetShown() {
    return signature.evidence().facets().stream().allMatch(this::shown);
  }

  public boolean shown(Facet facet) {
    return hits.stream().anyMatch(hit -> facet.name().equals(hit.facet()));
  }

  /** Whether one of the facet's signals fired in the title. */
  public boolean shownInTitle(Facet facet) {
    return hits.stream().anyMatch(hit -> inTitle(hit, facet));
  }

  static boolean inTitle(SignalHit hit, Facet facet) {
    return facet.name().equals(hit.facet()) && IssueFields.TITLE.equals(hit.field());
  }

  /**
   * The observation as named numeric features, the vocabulary of a fitted model: {@code
   * signal.NAME.FIELD} and {@code exclusion.NAME} are 1 when they fired, {@code facet.NAME} is 1
   * when the facet is shown, {@code facet.NAME.title} when it is shown in the title, {@code
   * facets.all} when all are, and {@code exemplar.*} are relative similarities in [0,1].
   */
  public Map<String, Double> features() {
    Map<String, Double> features = new LinkedHashMap<>();
    for (SignalHit hit : hits) {
      features.put(featureOf(hit), 1.0);
    }
    for (Facet facet : signature.evidence().facets()) {
      if (shown(facet)) {
        features.put(FeatureNames.facet(facet), 1.0);
      }
      if (shownInTitle(facet)) {
        features.put(FeatureNames.facetInTitle(facet), 1.0);
      }
    }
    if (everyFacetShown()) {
      features.put(FeatureNames.EVERY_FACET, 1.0);
    }
    if (exemplars.instances() > 0) {
      features.put(FeatureNames.EXEMPLAR_INSTANCES, exemplars.instances());
    }
    if (exemplars.lookAlikes() > 0) {
      features.put(FeatureNames.EXEMPLAR_LOOK_ALIKES, exemplars.lookAlikes());
    }
    return features;
  }

  static String featureOf(SignalHit hit) {
    return hit.exclusion()
        ? FeatureNames.exclusion(hit.signal())
        : FeatureNames.signal(hit.signal(), hit.field());
  }
}
