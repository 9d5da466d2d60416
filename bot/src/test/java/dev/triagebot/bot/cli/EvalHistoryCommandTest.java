package dev.triagebot.bot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code eval --history} over the similar-issue corpora of the classifier's tests. */
class EvalHistoryCommandTest {
  @TempDir Path temp;
  private final Terminal terminal = new Terminal();
  private Path history;
  private Path dataset;

  @BeforeEach
  void copyCorpora() throws IOException {
    // The corpora may sit inside the classifier's test jar: copy them out to real files.
    history = copy("similar/history.jsonl");
    dataset = copy("similar/dataset.jsonl");
  }

  @Test
  void jsonKeepsTheSignatureKeysAndAddsDuplicatesAndLabelSuggestions() throws Exception {
    int exit =
        run("eval", "--history", history.toString(), "--dataset", dataset.toString(), "--json");

    assertThat(exit).as(terminal.stderr()).isZero();
    JsonNode json = new ObjectMapper().readTree(terminal.stdout());
    assertThat(json.fieldNames())
        .toIterable()
        .contains("examples", "signatures", "labels", "errors", "duplicates", "label_suggestions");
    assertThat(json.get("history_size").asInt()).isEqualTo(77);
    JsonNode duplicates = json.get("duplicates");
    assertThat(duplicates.get("records").asInt()).isEqualTo(29);
    // The bot's configuration: the matched signature's canonical issue first. Floors as in the
    // classifier's own evaluation test, a few records below what the settings reach.
    assertThat(duplicates.get("precision_at_1").asDouble()).isGreaterThanOrEqualTo(0.85);
    assertThat(duplicates.get("precision_at_3").asDouble()).isGreaterThanOrEqualTo(0.80);
    assertThat(duplicates.get("recall_at_3").asDouble()).isGreaterThanOrEqualTo(0.80);
    assertThat(duplicates.get("misses").toString()).contains("sim-014", "sim-015");
    JsonNode mcp = json.get("label_suggestions").get("area:mcp");
    assertThat(mcp.get("precision").asDouble()).isGreaterThanOrEqualTo(0.75);
    assertThat(mcp.get("recall").asDouble()).isGreaterThanOrEqualTo(0.75);
    json.get("label_suggestions")
        .fieldNames()
        .forEachRemaining(label -> assertThat(label).matches("(area|platform):.+"));
  }

  @Test
  void textOutputReportsDuplicateLinksAndPerLabelScores() {
    int exit = run("eval", "--history", history.toString(), "--dataset", dataset.toString());

    assertThat(exit).as(terminal.stderr()).isZero();
    assertThat(terminal.stdout())
        .contains("Examples: ")
        .contains("History: 77 issues indexed")
        .contains("Duplicate links over 29 records with duplicate_of: precision@1 ")
        .containsPattern("(?m)^area:mcp +\\d+ +\\d+ +\\d+ +[01]\\.\\d{3} +[01]\\.\\d{3}$");
  }

  @Test
  void aHistoryRecordWithoutANumberIsAUsageErrorNamingTheLine() throws Exception {
    Path broken =
        Files.writeString(temp.resolve("broken.jsonl"), "{\"title\":\"t\",\"body\":\"b\"}\n");

    int exit = run("eval", "--history", broken.toString(), "--dataset", dataset.toString());

    assertThat(exit).isEqualTo(2);
    assertThat(terminal.stderr()).contains("broken.jsonl:1: number: missing in a history");
  }

  private Path copy(String resource) throws IOException {
    try (InputStream in = getClass().getClassLoader().getResourceAsStream(resource)) {
      assertThat(in).as(resource).isNotNull();
      Path file = temp.resolve(Path.of(resource).getFileName().toString());
      Files.copy(in, file);
      return file;
    }
  }

  private int run(String... args) {
    return terminal.run(args);
  }
}
