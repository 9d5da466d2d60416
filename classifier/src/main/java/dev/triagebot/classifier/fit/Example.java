package dev.triagebot.classifier.fit;

import java.util.Map;

/**
 * One labelled report as the fitter sees it: the features its observation produced and whether it
 * is an instance of the signature.
 *
 * @param id the record's id, for reports
 * @param features named feature values ({@code signal.*}, {@code exclusion.*}, {@code facet.*},
 *     {@code exemplar.*})
 * @param positive whether the report is an instance of the signature
 * @param group the record's group, for per-group counts; may be empty
 */
public record Example(String id, Map<String, Double> features, boolean positive, String group) {
  public Example {
    features = Map.copyOf(features);
  }
}
