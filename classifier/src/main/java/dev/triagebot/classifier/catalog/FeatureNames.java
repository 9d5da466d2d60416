package dev.triagebot.classifier.catalog;

import java.util.ArrayList;
import java.util.List;

/** The names of a signature's features, written in fitted files and read back by the matcher. */
public final class FeatureNames {
  public static final String EXEMPLAR_INSTANCES = "exemplar.instances";
  public static final String EXEMPLAR_LOOK_ALIKES = "exemplar.look-alikes";

  /** 1 when every facet is shown: the catalog's rule that a match shows them all, as a feature. */
  public static final String EVERY_FACET = "facets.all";

  private FeatureNames() {}

  public static String signal(Signal signal, String field) {
    return "signal." + signal.name() + "." + field;
  }

  /**
   * Exclusions are one feature whatever the field: look-alikes are too few to tell fields apart.
   */
  public static String exclusion(Signal exclusion) {
    return "exclusion." + exclusion.name();
  }

  public static String facet(Facet facet) {
    return "facet." + facet.name();
  }

  /**
   * 1 when the title shows the facet: a title states the failure in few words, so a facet named
   * there says more than one found anywhere in a long body.
   */
  public static String facetInTitle(Facet facet) {
    return facet(facet) + ".title";
  }

  /** Every feature the signature can produce, in catalog order. */
  public static List<String> all(Signature signature) {
    List<String> names = new ArrayList<>();
    names.add(EVERY_FACET);
    for (Facet facet : signature.evidence().facets()) {
      names.add(facet(facet));
      names.add(facetInTitle(facet));
      for (Signal signal : facet.signals()) {
        signal.fields().forEach(field -> names.add(signal(signal, field)));
      }
    }
    signature.evidence().exclusions().forEach(exclusion -> names.add(exclusion(exclusion)));
    names.add(EXEMPLAR_INSTANCES);
    names.add(EXEMPLAR_LOOK_ALIKES);
    return names;
  }
}
