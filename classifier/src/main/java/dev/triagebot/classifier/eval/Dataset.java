package dev.triagebot.classifier.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.triagebot.classifier.text.IssueText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A JSON Lines evaluation set ({@code id}, {@code title}, {@code body}, {@code labels}, {@code
 * signatures}; other fields ignored), with the lines that could not be read kept apart rather than
 * failing the run.
 *
 * @param issues the records read
 * @param rejected one entry per unreadable line, naming its line number and why
 */
public record Dataset(List<LabelledIssue> issues, List<String> rejected) {
  private static final ObjectMapper JSON = new ObjectMapper();

  public Dataset {
    issues = List.copyOf(issues);
    rejected = List.copyOf(rejected);
  }

  /** Reads a file; a missing or unreadable file is an {@link IOException}. */
  /** This dataset with more records after its own. */
  public Dataset with(List<LabelledIssue> more) {
    List<LabelledIssue> all = new ArrayList<>(issues);
    all.addAll(more);
    return new Dataset(all, rejected);
  }

  public static Dataset read(Path file) throws IOException {
    return parse(Files.readAllLines(file, StandardCharsets.UTF_8));
  }

  /** Parses lines of JSON; blank lines are skipped, malformed ones reported. */
  public static Dataset parse(List<String> lines) {
    List<LabelledIssue> issues = new ArrayList<>();
    List<String> rejected = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank()) {
        continue;
      }
      try {
        issues.add(record(JSON.readTree(line)));
      } catch (JsonProcessingException e) {
        rejected.add("line " + (i + 1) + ": not valid JSON: " + e.getOriginalMessage());
      } catch (IllegalArgumentException e) {
        rejected.add("line " + (i + 1) + ": " + e.getMessage());
      }
    }
    return new Dataset(issues, rejected);
  }

  private static LabelledIssue record(JsonNode node) {
    if (!node.isObject()) {
      throw new IllegalArgumentException("not a JSON object");
    }
    String id = requiredText(node, "id");
    IssueText text = new IssueText(requiredText(node, "title"), optionalText(node, "body"));
    return new LabelledIssue(
        id,
        text,
        strings(node, "labels"),
        strings(node, "signatures"),
        optionalText(node, "group"));
  }

  private static String requiredText(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual()) {
      throw new IllegalArgumentException("field '" + field + "' is missing or not text");
    }
    return value.asText();
  }

  private static String optionalText(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? "" : value.asText();
  }

  private static List<String> strings(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return List.of();
    }
    if (!value.isArray()) {
      throw new IllegalArgumentException("field '" + field + "' is not a list");
    }
    List<String> strings = new ArrayList<>();
    value.forEach(element -> strings.add(element.asText()));
    return strings;
  }
}
