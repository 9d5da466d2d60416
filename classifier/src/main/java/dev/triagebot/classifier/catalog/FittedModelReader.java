package dev.triagebot.classifier.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Reads a signature's fitted file ({@code <id>.fitted.yml}), refusing with file, field and problem
 * anything the matcher could not use: another signature's id, features the signature cannot
 * produce, numbers out of range, a date that is not one. The other provenance keys (data,
 * cross-validation) are for reviewers and are only checked to be present.
 */
final class FittedModelReader {
  private static final Set<String> KEYS =
      Set.of(
          "signature",
          "fitted_on",
          "model",
          "threshold",
          "needs_look",
          "target_precision",
          "data",
          "exemplars",
          "cv");
  private static final Set<String> MODEL_KEYS =
      Set.of("kind", "regularisation_c", "intercept", "weights");

  private final String file;

  FittedModelReader(String file) {
    this.file = file;
  }

  FittedModel read(String yaml, Signature signature) {
    JsonNode root = YamlTree.mapping(yaml, file, "fitted weights");
    checkKeys(root, "", KEYS);
    String id = required(root, "signature").asText();
    if (!id.equals(signature.id())) {
      throw fail("signature", "is '" + id + "' but the file belongs to '" + signature.id() + "'");
    }
    LocalDate fittedOn = isoDate(required(root, "fitted_on"), "fitted_on");
    required(root, "data");
    JsonNode model = required(root, "model");
    checkKeys(model, "model.", MODEL_KEYS);
    double intercept = finite(required(model, "intercept"), "model.intercept");
    Set<String> known = new HashSet<>(FeatureNames.all(signature));
    Map<String, Double> weights = new LinkedHashMap<>();
    JsonNode weightNodes = required(model, "weights");
    for (Iterator<String> names = weightNodes.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      String path = "model.weights." + name;
      if (!known.contains(name)) {
        throw fail(path, "is not a feature of " + signature.id() + " (renamed or removed?)");
      }
      weights.put(name, finite(weightNodes.get(name), path));
    }
    double threshold = unit(required(root, "threshold"), "threshold");
    double needsLook = unit(required(root, "needs_look"), "needs_look");
    if (needsLook > threshold) {
      throw fail("needs_look", "must not be above threshold (" + threshold + ")");
    }
    return new FittedModel(weights, intercept, threshold, needsLook, fittedOn, file);
  }

  private JsonNode required(JsonNode parent, String key) {
    JsonNode node = parent.get(key);
    if (node == null || node.isNull()) {
      throw fail(key, "is missing");
    }
    return node;
  }

  private double finite(JsonNode node, String path) {
    if (!node.isNumber() || !Double.isFinite(node.asDouble())) {
      throw fail(path, "must be a finite number, got '" + node.asText() + "'");
    }
    return node.asDouble();
  }

  private LocalDate isoDate(JsonNode node, String path) {
    try {
      return LocalDate.parse(node.asText());
    } catch (DateTimeParseException notADate) {
      throw fail(path, "must be an ISO date (yyyy-mm-dd), got '" + node.asText() + "'");
    }
  }

  private double unit(JsonNode node, String path) {
    double value = finite(node, path);
    if (value < 0 || value > 1) {
      throw fail(path, "must be within [0,1], got " + value);
    }
    return value;
  }

  private void checkKeys(JsonNode node, String prefix, Set<String> allowed) {
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!allowed.contains(name)) {
        throw fail(
            prefix + name, "unknown key; allowed keys are " + allowed.stream().sorted().toList());
      }
    }
  }

  private CatalogException fail(String field, String problem) {
    return new CatalogException(file, field, problem);
  }
}
