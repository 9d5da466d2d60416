package dev.triagebot.bot.repoconfig;

import dev.triagebot.bot.triage.RepositoryPolicy;
import dev.triagebot.bot.triage.TriageMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads and validates a {@code .github/triage-bot.yml}, pure: text in, a {@link RepositoryPolicy}
 * or the first problem with its line out. Works on SnakeYAML's node tree rather than binding to a
 * type, because a maintainer needs the line of a wrong value, and binders only name the field.
 */
public final class RepositoryConfigParser {
  /** Far above any real file; a bigger one is refused before it is parsed. */
  static final int MAX_CHARS = 64 * 1024;

  /** GitHub's longest label name. */
  private static final int MAX_LABEL = 50;

  private static final Pattern LOGIN =
      Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:\\[bot\\])?");
  private static final Set<String> ASSOCIATIONS =
      Set.of(
          "OWNER",
          "MEMBER",
          "COLLABORATOR",
          "CONTRIBUTOR",
          "FIRST_TIMER",
          "FIRST_TIME_CONTRIBUTOR",
          "MANNEQUIN",
          "NONE");
  private static final List<String> KEYS =
      List.of("enabled", "mode", "signatures", "label_renames", "thresholds", "skip");
  private static final Map<String, TriageMode> MODES =
      Map.of(
          "dry-run", TriageMode.DRY_RUN, "suggest", TriageMode.SUGGEST, "apply", TriageMode.APPLY);

  private final Set<String> signatureIds;
  private final Set<String> catalogLabels;

  /**
   * @param signatureIds the catalog's signatures, the only ones a file may turn off
   * @param catalogLabels the catalog's labels, the only ones a file may rename
   */
  public RepositoryConfigParser(Set<String> signatureIds, Set<String> catalogLabels) {
    this.signatureIds = Set.copyOf(signatureIds);
    this.catalogLabels =
        catalogLabels.stream()
            .map(l -> l.toLowerCase(Locale.ROOT))
            .collect(java.util.stream.Collectors.toUnmodifiableSet());
  }

  /** What a file came to. */
  public sealed interface Parsed {}

  /**
   * A valid file.
   *
   * @param policy what it asks, named after its source
   */
  public record Valid(RepositoryPolicy policy) implements Parsed {}

  /**
   * A file the bot cannot use.
   *
   * @param line the line at fault, from 1; 0 when the problem is the file as a whole
   * @param problem what is wrong, for a maintainer
   */
  public record Invalid(int line, String problem) implements Parsed {}

  /**
   * Reads one file.
   *
   * @param source where the text came from, e.g. {@code octo/app/.github/triage-bot.yml}
   * @param text the file's text
   */
  public Parsed parse(String source, String text) {
    Objects.requireNonNull(source, "source");
    if (text.length() > MAX_CHARS) {
      return new Invalid(0, "the file is over " + MAX_CHARS / 1024 + " KB");
    }
    Node root;
    try {
      root = yaml().compose(new java.io.StringReader(text));
    } catch (MarkedYAMLException syntax) {
      int line = syntax.getProblemMark() == null ? 0 : syntax.getProblemMark().getLine() + 1;
      return new Invalid(line, "not valid YAML: " + syntax.getProblem());
    } catch (YAMLException refused) {
      return new Invalid(0, "not valid YAML: " + refused.getMessage());
    }
    try {
      return new Valid(read(source, root));
    } catch (Problem problem) {
      return new Invalid(problem.line, problem.getMessage());
    }
  }

  private RepositoryPolicy read(String source, Node root) {
    if (root == null || isNull(root)) {
      return RepositoryPolicy.DEFAULTS.from(source);
    }
    Map<String, Node> top = mapping(root, "the file", KEYS);
    boolean enabled = top.containsKey("enabled") ? bool(top.get("enabled"), "enabled") : true;
    TriageMode mode = top.containsKey("mode") ? mode(top.get("mode")) : null;
    Set<String> off = top.containsKey("signatures") ? signatures(top.get("signatures")) : Set.of();
    Map<String, String> renames =
        top.containsKey("label_renames") ? renames(top.get("label_renames")) : Map.of();
    Double suggest = null;
    Double apply = null;
    if (top.containsKey("thresholds")) {
      Map<String, Node> thresholds =
          mapping(top.get("thresholds"), "thresholds", List.of("suggest", "apply"));
      suggest =
          thresholds.containsKey("suggest")
              ? fraction(thresholds.get("suggest"), "thresholds.suggest")
              : null;
      apply =
          thresholds.containsKey("apply")
              ? fraction(thresholds.get("apply"), "thresholds.apply")
              : null;
      if (suggest != null && apply != null && apply < suggest) {
        throw new Problem(
            thresholds.get("apply"),
            "thresholds.apply (" + apply + ") is below thresholds.suggest (" + suggest + ")");
      }
    }
    Set<String> authors = Set.of();
    Set<String> associations = Set.of();
    if (top.containsKey("skip")) {
      Map<String, Node> skip = mapping(top.get("skip"), "skip", List.of("authors", "associations"));
      if (skip.containsKey("authors")) {
        authors = strings(skip.get("authors"), "skip.authors", this::login);
      }
      if (skip.containsKey("associations")) {
        associations = strings(skip.get("associations"), "skip.associations", this::association);
      }
    }
    return new RepositoryPolicy(
        source, enabled, mode, off, renames, suggest, apply, authors, associations);
  }

  private static TriageMode mode(Node node) {
    String value = scalar(node, "mode");
    TriageMode mode = MODES.get(value);
    if (mode == null) {
      throw new Problem(node, "mode: '" + value + "' is not one of dry-run, suggest, apply");
    }
    return mode;
  }

  private Set<String> signatures(Node node) {
    Set<String> off = new LinkedHashSet<>();
    for (Map.Entry<String, Node> entry : mapping(node, "signatures", null).entrySet()) {
      String id = entry.getKey();
      if (!signatureIds.contains(id)) {
        throw new Problem(
            entry.getValue(), "signatures: the catalog has no signature '" + id + "'");
      }
      if (!bool(entry.getValue(), "signatures." + id)) {
        off.add(id);
      }
    }
    return off;
  }

  private Map<String, String> renames(Node node) {
    Map<String, String> renames = new LinkedHashMap<>();
    for (Map.Entry<String, Node> entry : mapping(node, "label_renames", null).entrySet()) {
      String from = entry.getKey();
      String path = "label_renames." + from;
      if (!catalogLabels.contains(from.toLowerCase(Locale.ROOT))) {
        throw new Problem(
            entry.getValue(), path + ": no signature of the catalog has the label '" + from + "'");
      }
      String to = scalar(entry.getValue(), path);
      if (to.isBlank() || !to.equals(to.strip()) || to.length() > MAX_LABEL) {
        throw new Problem(
            entry.getValue(),
            path + ": a label name has 1 to " + MAX_LABEL + " characters, no space around them");
      }
      // The name is shown in the bot's comment: nothing that could mention or break out of code.
      if (to.chars().anyMatch(c -> c == '@' || c == '`' || c == '<' || Character.isISOControl(c))) {
        throw new Problem(
            entry.getValue(), path + ": '@', '`', '<' and control characters are not allowed");
      }
      renames.put(from, to);
    }
    return renames;
  }

  private String login(Node node, String path) {
    String login = scalar(node, path);
    if (!LOGIN.matcher(login).matches()) {
      throw new Problem(node, path + ": '" + login + "' is not a GitHub login");
    }
    return login;
  }

  private String association(Node node, String path) {
    String value = scalar(node, path).toUpperCase(Locale.ROOT);
    if (!ASSOCIATIONS.contains(value)) {
      throw new Problem(
          node,
          path
              + ": '"
              + scalar(node, path)
              + "' is not an author association (OWNER, MEMBER, COLLABORATOR, CONTRIBUTOR,"
              + " FIRST_TIMER, FIRST_TIME_CONTRIBUTOR, MANNEQUIN, NONE)");
    }
    return value;
  }

  /** The keys of a mapping with their values; {@code allowed} null for any key. */
  private static Map<String, Node> mapping(Node node, String path, List<String> allowed) {
    if (!(node instanceof MappingNode mapping)) {
      throw new Problem(node, path + ": expected a mapping (key: value lines)");
    }
    Map<String, Node> entries = new LinkedHashMap<>();
    for (NodeTuple tuple : mapping.getValue()) {
      Node keyNode = tuple.getKeyNode();
      String key = scalar(keyNode, path + " key");
      String at = path.equals("the file") ? key : path + "." + key;
      if (allowed != null && !allowed.contains(key)) {
        throw new Problem(
            keyNode, at + ": unknown key (known: " + String.join(", ", allowed) + ")");
      }
      if (entries.put(key, tuple.getValueNode()) != null) {
        throw new Problem(keyNode, at + ": given twice");
      }
    }
    return entries;
  }

  private interface Item {
    String read(Node node, String path);
  }

  private static Set<String> strings(Node node, String path, Item item) {
    if (!(node instanceof SequenceNode sequence)) {
      throw new Problem(node, path + ": expected a list");
    }
    Set<String> values = new LinkedHashSet<>();
    List<Node> items = new ArrayList<>(sequence.getValue());
    for (int i = 0; i < items.size(); i++) {
      values.add(item.read(items.get(i), path + "[" + i + "]"));
    }
    return values;
  }

  private static boolean bool(Node node, String path) {
    if (node instanceof ScalarNode scalar && Tag.BOOL.equals(scalar.getTag())) {
      // YAML 1.1 booleans, as SnakeYAML resolves them: true/false, yes/no, on/off.
      String value = scalar.getValue().toLowerCase(Locale.ROOT);
      return value.equals("true") || value.equals("yes") || value.equals("on");
    }
    throw new Problem(node, path + ": expected true or false (or on/off)");
  }

  private static double fraction(Node node, String path) {
    if (node instanceof ScalarNode scalar
        && (Tag.FLOAT.equals(scalar.getTag()) || Tag.INT.equals(scalar.getTag()))) {
      try {
        double value = Double.parseDouble(scalar.getValue());
        if (value >= 0 && value <= 1) {
          return value;
        }
      } catch (NumberFormatException notDecimal) {
        // e.g. 0x1 or 1_0: fall through to the refusal.
      }
    }
    throw new Problem(node, path + ": expected a number from 0 to 1");
  }

  private static String scalar(Node node, String path) {
    if (node instanceof ScalarNode scalar && !Tag.NULL.equals(scalar.getTag())) {
      return scalar.getValue();
    }
    throw new Problem(node, path + ": expected a single value");
  }

  private static boolean isNull(Node node) {
    return node instanceof ScalarNode scalar && Tag.NULL.equals(scalar.getTag());
  }

  private static Yaml yaml() {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    options.setMaxAliasesForCollections(20);
    options.setNestingDepthLimit(20);
    options.setCodePointLimit(MAX_CHARS);
    return new Yaml(new SafeConstructor(options));
  }

  /** A problem at a node, carried out of the recursive reading. */
  private static final class Problem extends RuntimeException {
    final int line;

    Problem(Node node, String message) {
      super(message, null, false, false);
      this.line =
          node == null || node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
    }
  }
}
