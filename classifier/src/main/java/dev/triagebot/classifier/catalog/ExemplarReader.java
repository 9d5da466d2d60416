package dev.triagebot.classifier.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a signature's examples file: JSON Lines in the evaluation format ({@code id}, {@code
 * title}, {@code body}, {@code signatures}); a record whose {@code signatures} name the signature
 * is an instance, any other a look-alike. Unlike an evaluation set, a bad line fails the catalog:
 * the examples are reviewed data.
 */
final class ExemplarReader {
  private ExemplarReader() {}

  static List<Exemplar> read(CatalogSource source, String signatureId) {
    List<Exemplar> exemplars = new ArrayList<>();
    String[] lines = source.text().split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].isBlank()) {
        continue;
      }
      String where = "line " + (i + 1);
      JsonNode node;
      try {
        // JSON is YAML's flow style, so the catalog's one YAML reader reads these lines too.
        node = YamlTree.read(lines[i]);
      } catch (YamlTree.InvalidYamlException e) {
        throw new CatalogException(source.name(), where, "is not valid JSON: " + e.getMessage());
      }
      if (node == null || !node.isObject()) {
        throw new CatalogException(source.name(), where, "must be a JSON object");
      }
      String id = text(node, "id", source, where);
      String title = text(node, "title", source, where);
      JsonNode body = node.get("body");
      JsonNode signatures = node.get("signatures");
      if (signatures == null || !signatures.isArray()) {
        throw new CatalogException(source.name(), where + ".signatures", "must be a list");
      }
      boolean instance = false;
      for (JsonNode signature : signatures) {
        instance |= signature.asText().equals(signatureId);
      }
      exemplars.add(new Exemplar(id, title, body == null ? "" : body.asText(), instance));
    }
    return exemplars;
  }

  private static String text(JsonNode node, String key, CatalogSource source, String where) {
    JsonNode value = node.get(key);
    if (value == null || !value.isTextual() || value.asText().isBlank()) {
      throw new CatalogException(source.name(), where + "." + key, "must be non-empty text");
    }
    return value.asText();
  }
}
