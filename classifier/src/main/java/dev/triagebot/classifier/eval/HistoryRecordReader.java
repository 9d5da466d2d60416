package dev.triagebot.classifier.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.triagebot.classifier.similar.IndexedIssue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads JSON Lines files of {@link HistoryRecord}s. Unknown keys and wrongly typed values fail with
 * the file, line and key named, so that a typo ({@code duplicateOf}) is never silently ignored.
 */
public final class HistoryRecordReader {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> KEYS =
      Set.of(
          "id",
          "number",
          "title",
          "body",
          "labels",
          "signatures",
          "state",
          "state_reason",
          "duplicate_of",
          "author_association",
          "created_at",
          "updated_at",
          "group");

  private HistoryRecordReader() {}

  /** Every record of the file; blank lines are skipped. */
  public static List<HistoryRecord> read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    String name = file.getFileName().toString();
    List<HistoryRecord> records = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (!lines.get(i).isBlank()) {
        records.add(parse(name + ":" + (i + 1), lines.get(i)));
      }
    }
    return records;
  }

  /** Reads a history: every record needs a number, and numbers are unique. */
  public static List<HistoryRecord> readHistory(Path file) {
    List<HistoryRecord> records = read(file);
    Set<Integer> numbers = new java.util.HashSet<>();
    for (HistoryRecord record : records) {
      if (record.number() == null) {
        throw new IllegalArgumentException(record.source() + ": number: missing in a history");
      }
      if (!numbers.add(record.number())) {
        throw new IllegalArgumentException(
            record.source() + ": number: #" + record.number() + " appears twice");
      }
    }
    return records;
  }

  /** Parses one line. */
  static HistoryRecord parse(String source, String line) {
    JsonNode node;
    try {
      node = JSON.readTree(line);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(source + ": not valid JSON: " + e.getOriginalMessage(), e);
    }
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException(source + ": expected a JSON object");
    }
    for (Iterator<String> keys = node.fieldNames(); keys.hasNext(); ) {
      String key = keys.next();
      if (!KEYS.contains(key)) {
        throw new IllegalArgumentException(
            source + ": " + key + ": unknown key; known keys are " + new java.util.TreeSet<>(KEYS));
      }
    }
    Field field = new Field(source, node);
    return new HistoryRecord(
        source,
        field.text("id", false),
        field.number("number"),
        field.text("title", true),
        field.text("body", true),
        field.strings("labels"),
        field.strings("signatures"),
        field.parsed("state", IndexedIssue.State::fromGitHub, IndexedIssue.State.OPEN),
        field.parsed("state_reason", IndexedIssue.StateReason::fromGitHub, null),
        field.number("duplicate_of"),
        field.text("author_association", false),
        field.parsed("created_at", Instant::parse, null),
        field.parsed("updated_at", Instant::parse, null));
  }

  /** Typed access to one record's keys, failing with the record and key named. */
  private record Field(String source, JsonNode node) {
    String text(String key, boolean required) {
      JsonNode value = node.get(key);
      if (value == null || value.isNull()) {
        if (required) {
          throw problem(key, "missing");
        }
        return null;
      }
      if (!value.isTextual()) {
        throw problem(key, "must be a string");
      }
      return value.textValue();
    }

    Integer number(String key) {
      JsonNode value = node.get(key);
      if (value == null || value.isNull()) {
        return null;
      }
      if (!value.isIntegralNumber() || value.intValue() <= 0) {
        throw problem(key, "must be a positive issue number");
      }
      return value.intValue();
    }

    List<String> strings(String key) {
      JsonNode value = node.get(key);
      if (value == null || value.isNull()) {
        return List.of();
      }
      if (!value.isArray()) {
        throw problem(key, "must be a list of strings");
      }
      List<String> strings = new ArrayList<>();
      for (JsonNode item : value) {
        if (!item.isTextual()) {
          throw problem(key, "must be a list of strings");
        }
        strings.add(item.textValue());
      }
      return strings;
    }

    <T> T parsed(String key, Function<String, T> parser, T absent) {
      String text = text(key, false);
      if (text == null) {
        return absent;
      }
      try {
        return parser.apply(text);
      } catch (IllegalArgumentException | DateTimeParseException e) {
        throw problem(key, "cannot read \"" + text + "\"");
      }
    }

    IllegalArgumentException problem(String key, String what) {
      return new IllegalArgumentException(source + ": " + key + ": " + what);
    }
  }
}
