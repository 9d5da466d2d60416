package dev.triagebot.classifier.match;

import dev.triagebot.classifier.catalog.Facet;
import dev.triagebot.classifier.catalog.FeatureNames;
import dev.triagebot.classifier.catalog.FittedModel;
import dev.triagebot.classifier.catalog.Signal;
import dev.triagebot.classifier.catalog.Signature;
import dev.triagebot.classifier.similar.ExemplarSimilarity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Turns an observation into a confidence and its evidence: with the signature's fitted weights
 * where it has them (a logistic model, so the confidence is a probability), else with the hand
 * weights of the catalog entry.
 */
public final class Weighing {
  private Weighing() {}

  public static SignatureMatch weigh(Observation observation) {
    return observation
        .signature()
        .fitted()
        .map(model -> fitted(observation, model))
        .orElseGet(() -> handWeighted(observation));
  }

  /**
   * The logistic model: every feature's contribution to the log-odds is shown as evidence, so the
   * reasons add up to the confidence.
   */
  private static SignatureMatch fitted(Observation observation, FittedModel model) {
    Signature signature = observation.signature();
    Map<String, Double> features = observation.features();
    List<Evidence> evidence = new ArrayList<>();
    Set<String> shown = new HashSet<>();
    for (SignalHit hit : observation.hits()) {
      String feature = Observation.featureOf(hit);
      double weight = model.weight(feature);
      // An exclusion is one feature whatever the field: its first hit stands for it.
      if (weight != 0 && shown.add(feature)) {
        evidence.add(
            new Evidence(hit.signal().name(), kind(hit), hit.field(), hit.quote(), weight));
      }
    }
    for (Facet facet : signature.evidence().facets()) {
      addFacet(
          evidence,
          "facet:" + facet.name(),
          observation,
          hit -> facet.name().equals(hit.facet()),
          model.weight(FeatureNames.facet(facet)));
      addFacet(
          evidence,
          "facet-in-title:" + facet.name(),
          observation,
          hit -> Observation.inTitle(hit, facet),
          model.weight(FeatureNames.facetInTitle(facet)));
    }
    double everyFacet = model.weight(FeatureNames.EVERY_FACET);
    if (everyFacet != 0 && observation.everyFacetShown()) {
      evidence.add(
          new Evidence(
              "every-facet-shown",
              Evidence.Kind.CONTEXT,
              "",
              "every facet: " + facetNames(signature),
              everyFacet));
    }
    ExemplarSimilarity exemplars = observation.exemplars();
    addExemplar(
        evidence,
        "close-to-known-instance",
        exemplars.nearestInstance(),
        exemplars.instances(),
        model.weight(FeatureNames.EXEMPLAR_INSTANCES));
    addExemplar(
        evidence,
        "close-to-known-look-alike",
        exemplars.nearestLookAlike(),
        exemplars.lookAlikes(),
        model.weight(FeatureNames.EXEMPLAR_LOOK_ALIKES));
    double logOdds = model.logOdds(features);
    double confidence = FittedModel.probability(logOdds);
    boolean matched = confidence >= model.threshold();
    boolean needsLook = !matched && confidence >= model.needsLook();
    return new SignatureMatch(
        signature,
        logOdds - model.intercept(),
        confidence,
        matched,
        needsLook,
        strongestFirst(evidence));
  }

  /** A facet feature's evidence, quoting the first hit that shows it; nothing when none does. */
  private static void addFacet(
      List<Evidence> evidence,
      String name,
      Observation observation,
      Predicate<SignalHit> shows,
      double weight) {
    if (weight == 0) {
      return;
    }
    observation.hits().stream()
        .filter(shows)
        .findFirst()
        .ifPresent(
            first ->
                evidence.add(
                    new Evidence(
                        name, Evidence.Kind.CONTEXT, first.field(), first.quote(), weight)));
  }

  private static String facetNames(Signature signature) {
    return String.join(", ", signature.evidence().facets().stream().map(Facet::name).toList());
  }

  private static void addExemplar(
      List<Evidence> evidence, String name, String nearest, double similarity, double weight) {
    if (nearest != null && weight != 0 && similarity > 0) {
      String quote = String.format(Locale.ROOT, "%s (similarity %.2f)", nearest, similarity);
      evidence.add(new Evidence(name, Evidence.Kind.SIGNAL, "", quote, weight * similarity));
    }
  }

  /**
   * The hand weights: each facet's strength is the noisy-OR of the weights of its signals that
   * fired ({@code 1 - Π(1 - w)}, title and body counted apart), the confidence is the product of
   * the facet strengths (every facet is necessary), and each exclusion that fires multiplies it by
   * {@code 1 - w}.
   */
  private static SignatureMatch handWeighted(Observation observation) {
    Signature signature = observation.signature();
    List<Evidence> evidence = new ArrayList<>();
    double confidence = 1;
    for (Facet facet : signature.evidence().facets()) {
      double absent = 1;
      for (SignalHit hit : observation.hits()) {
        if (facet.name().equals(hit.facet())) {
          evidence.add(evidenceOf(hit, hit.signal().weight()));
          absent *= 1 - hit.signal().weight();
        }
      }
      confidence *= 1 - absent;
    }
    for (Signal exclusion : signature.evidence().exclusions()) {
      SignalHit first =
          observation.hits().stream()
              .filter(hit -> hit.exclusion() && hit.signal().equals(exclusion))
              .findFirst()
              .orElse(null);
      if (first != null) {
        evidence.add(evidenceOf(first, -exclusion.weight()));
        confidence *= 1 - exclusion.weight();
      }
    }
    double score = evidence.stream().mapToDouble(Evidence::weight).sum();
    boolean matched = observation.everyFacetShown() && confidence >= signature.thresholds().match();
    return new SignatureMatch(signature, score, confidence, matched, strongestFirst(evidence));
  }

  private static Evidence evidenceOf(SignalHit hit, double weight) {
    return new Evidence(hit.signal().name(), kind(hit), hit.field(), hit.quote(), weight);
  }

  private static Evidence.Kind kind(SignalHit hit) {
    return hit.exclusion() ? Evidence.Kind.EXCLUSION : Evidence.Kind.SIGNAL;
  }

  private static List<Evidence> strongestFirst(List<Evidence> evidence) {
    evidence.sort(Comparator.comparingDouble((Evidence e) -> Math.abs(e.weight())).reversed());
    return evidence;
  }
}
