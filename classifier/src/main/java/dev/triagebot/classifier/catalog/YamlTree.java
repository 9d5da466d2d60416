package dev.triagebot.classifier.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads a catalog file into a Jackson tree with SnakeYAML's safe loader and Jackson's node factory,
 * without an {@code ObjectMapper}: building one costs more start-up time than the whole match, and
 * the command line should answer in well under a second. Duplicate keys are refused.
 */
final class YamlTree {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private YamlTree() {}

  static JsonNode read(String yaml) {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    try {
      return node(new Yaml(new SafeConstructor(options)).load(yaml));
    } catch (YAMLException e) {
      throw new InvalidYamlException(e.getMessage().replaceAll("\\s+", " ").strip());
    }
  }

  /**
   * A catalog file's top-level mapping.
   *
   * @throws CatalogException naming the file when the text is not YAML or not a mapping
   */
  static JsonNode mapping(String yaml, String file, String ofWhat) {
    JsonNode root;
    try {
      root = read(yaml);
    } catch (InvalidYamlException e) {
      throw new CatalogException(file, "(file)", "is not valid YAML: " + e.getMessage());
    }
    if (root == null || !root.isObject()) {
      throw new CatalogException(file, "(file)", "must be a mapping of " + ofWhat);
    }
    return root;
  }

  private static JsonNode node(Object value) {
    if (value == null) {
      return NODES.nullNode();
    }
    if (value instanceof Map<?, ?> map) {
      ObjectNode object = NODES.objectNode();
      map.forEach((key, item) -> object.set(String.valueOf(key), node(item)));
      return object;
    }
    if (value instanceof List<?> list) {
      ArrayNode array = NODES.arrayNode();
      list.forEach(item -> array.add(node(item)));
      return array;
    }
    if (value instanceof Integer number) {
      return NODES.numberNode(number);
    }
    if (value instanceof Long number) {
      return NODES.numberNode(number);
    }
    if (value instanceof BigInteger number) {
      return NODES.numberNode(number);
    }
    if (value instanceof Double number) {
      return NODES.numberNode(number);
    }
    if (value instanceof BigDecimal number) {
      return NODES.numberNode(number);
    }
    if (value instanceof Boolean flag) {
      return NODES.booleanNode(flag);
    }
    return NODES.textNode(String.valueOf(value));
  }

  /** The text is not YAML; the message says where. */
  static final class InvalidYamlException extends RuntimeException {
    InvalidYamlException(String message) {
      super(message);
    }
  }
}
