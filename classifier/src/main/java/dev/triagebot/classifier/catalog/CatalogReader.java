package dev.triagebot.classifier.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import dev.triagebot.classifier.text.IssueFields;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;

/**
 * Reads one catalog file into a {@link Signature}, refusing anything doubtful with the file, the
 * field and the problem named: unknown keys, missing or empty fields, weights and thresholds out of
 * range, queries that do not parse, labels the bot may not apply, and checklists that would mention
 * someone.
 */
final class CatalogReader {
  private static final Pattern ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

  /** The bot only ever applies area and platform labels, never workflow ones like "duplicate". */
  private static final Pattern APPLICABLE_LABEL =
      Pattern.compile("(area|platform):[a-z0-9][a-z0-9-]*");

  /** An @ followed by a name would notify that person or team when the checklist is posted. */
  private static final Pattern MENTION = Pattern.compile("(?<![\\w`])@[A-Za-z0-9-]+");

  private static final Set<String> SIGNATURE_KEYS =
      Set.of(
          "id",
          "title",
          "canonical_issue",
          "labels",
          "thresholds",
          "facets",
          "exclusions",
          "checklist");
  private static final Set<String> THRESHOLD_KEYS = Set.of("match", "apply");
  private static final Set<String> FACET_KEYS = Set.of("name", "description", "signals");
  private static final Set<String> SIGNAL_KEYS = Set.of("name", "query", "weight", "fields");

  private final Analyzer analyzer;
  private final String file;

  CatalogReader(Analyzer analyzer, String file) {
    this.analyzer = analyzer;
    this.file = file;
  }

  Signature read(String yaml) {
    JsonNode root = YamlTree.mapping(yaml, file, "signature fields");
    checkKeys(root, "", SIGNATURE_KEYS);
    String id = text(root, "id");
    if (!ID.matcher(id).matches()) {
      throw fail("id", "must be lowercase words joined by hyphens, got '" + id + "'");
    }
    // Checked in the order the fields are written, so the first problem reported is the first one.
    String title = text(root, "title");
    int canonicalIssue = canonicalIssue(root);
    List<String> labels = labels(root);
    Thresholds thresholds = thresholds(object(root, "thresholds"));
    SignatureEvidence evidence =
        new SignatureEvidence(facets(root), list(root, "exclusions", false, this::signal));
    return new Signature(
        id, title, canonicalIssue, labels, evidence, thresholds, checklist(root), file);
  }

  private int canonicalIssue(JsonNode root) {
    JsonNode node = required(root, "canonical_issue", "canonical_issue");
    if (!node.canConvertToInt() || !node.isIntegralNumber() || node.asInt() <= 0) {
      throw fail("canonical_issue", "must be a positive issue number, got '" + node.asText() + "'");
    }
    return node.asInt();
  }

  private List<String> labels(JsonNode root) {
    List<String> labels = list(root, "labels", true, (node, path) -> string(node, path));
    for (int i = 0; i < labels.size(); i++) {
      if (!APPLICABLE_LABEL.matcher(labels.get(i)).matches()) {
        throw fail(
            "labels[" + i + "]",
            "'" + labels.get(i) + "' is outside the allowed set (area:* and platform:* labels)");
      }
    }
    return labels;
  }

  private Thresholds thresholds(JsonNode node) {
    checkKeys(node, "thresholds.", THRESHOLD_KEYS);
    double match = unitInterval(node, "thresholds.match", "match");
    double apply = unitInterval(node, "thresholds.apply", "apply");
    if (apply < match) {
      throw fail("thresholds.apply", "must not be below thresholds.match (" + match + ")");
    }
    return new Thresholds(match, apply);
  }

  private List<Facet> facets(JsonNode root) {
    return list(
        root,
        "facets",
        true,
        (node, path) -> {
          checkKeys(node, path + ".", FACET_KEYS);
          return new Facet(
              text(node, "name", path + ".name"),
              text(node, "description", path + ".description"),
              list(node, "signals", path + ".signals", true, this::signal));
        });
  }

  private Signal signal(JsonNode node, String path) {
    if (!node.isObject()) {
      throw fail(path, "must be a mapping with name, query and weight");
    }
    checkKeys(node, path + ".", SIGNAL_KEYS);
    String query = text(node, "query", path + ".query");
    double weight = unitInterval(node, path + ".weight", "weight");
    if (weight == 0) {
      throw fail(path + ".weight", "must be above 0");
    }
    List<String> fields =
        node.has("fields")
            ? list(node, "fields", path + ".fields", true, (f, p) -> field(string(f, p), p))
            : IssueFields.ALL;
    Query compiled = parse(query, path + ".query");
    return new Signal(text(node, "name", path + ".name"), query, weight, fields, compiled);
  }

  private Query parse(String query, String path) {
    QueryParser parser = new QueryParser(IssueFields.TEXT, analyzer);
    parser.setDefaultOperator(QueryParser.Operator.OR);
    // A term the analyzer splits (offline_access, needs-auth) means those words in sequence.
    parser.setSplitOnWhitespace(true);
    parser.setAutoGeneratePhraseQueries(true);
    try {
      Query parsed = parser.parse(query);
      Set<Term> terms = new HashSet<>();
      parsed.visit(QueryVisitor.termCollector(terms));
      if (terms.isEmpty()) {
        throw fail(path, "has no searchable words: '" + query + "'");
      }
      return parsed;
    } catch (ParseException e) {
      throw fail(path, "does not parse: " + firstLine(e.getMessage()));
    }
  }

  private String field(String name, String path) {
    if (!IssueFields.ALL.contains(name)) {
      throw fail(path, "unknown field '" + name + "', expected one of " + IssueFields.ALL);
    }
    return name;
  }

  private List<String> checklist(JsonNode root) {
    List<String> items = list(root, "checklist", true, (node, path) -> string(node, path));
    for (int i = 0; i < items.size(); i++) {
      var mention = MENTION.matcher(items.get(i));
      if (mention.find()) {
        throw fail(
            "checklist[" + i + "]",
            "would @-mention '"
                + mention.group()
                + "'; put handles in backticks if they are meant");
      }
    }
    return items;
  }

  private void checkKeys(JsonNode node, String prefix, Set<String> allowed) {
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!allowed.contains(name)) {
        throw fail(prefix + name, "unknown key; allowed keys are " + sorted(allowed));
      }
    }
  }

  private <T> List<T> list(
      JsonNode parent, String key, boolean required, BiFunction<JsonNode, String, T> element) {
    return list(parent, key, key, required, element);
  }

  private <T> List<T> list(
      JsonNode parent,
      String key,
      String path,
      boolean required,
      BiFunction<JsonNode, String, T> element) {
    JsonNode node = parent.get(key);
    if (node == null || node.isNull()) {
      if (required) {
        throw fail(path, "is missing");
      }
      return List.of();
    }
    if (!node.isArray()) {
      throw fail(path, "must be a list");
    }
    if (required && node.isEmpty()) {
      throw fail(path, "must not be empty");
    }
    List<T> values = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      values.add(element.apply(node.get(i), path + "[" + i + "]"));
    }
    return values;
  }

  private JsonNode object(JsonNode parent, String key) {
    JsonNode node = required(parent, key, key);
    if (!node.isObject()) {
      throw fail(key, "must be a mapping");
    }
    return node;
  }

  private double unitInterval(JsonNode parent, String path, String key) {
    JsonNode node = required(parent, key, path);
    if (!node.isNumber()) {
      throw fail(path, "must be a number in [0,1], got '" + node.asText() + "'");
    }
    double value = node.asDouble();
    if (value < 0 || value > 1) {
      throw fail(path, "must be within [0,1], got " + value);
    }
    return value;
  }

  private String text(JsonNode parent, String key) {
    return text(parent, key, key);
  }

  private String text(JsonNode parent, String key, String path) {
    return string(required(parent, key, path), path);
  }

  private String string(JsonNode node, String path) {
    if (!node.isTextual() || node.asText().isBlank()) {
      throw fail(path, "must be non-empty text");
    }
    return node.asText().strip();
  }

  private JsonNode required(JsonNode parent, String key, String path) {
    JsonNode node = parent.get(key);
    if (node == null || node.isNull()) {
      throw fail(path, "is missing");
    }
    return node;
  }

  private CatalogException fail(String field, String problem) {
    return new CatalogException(file, field, problem);
  }

  private static String firstLine(String message) {
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  private static List<String> sorted(Set<String> keys) {
    return keys.stream().sorted().toList();
  }
}
