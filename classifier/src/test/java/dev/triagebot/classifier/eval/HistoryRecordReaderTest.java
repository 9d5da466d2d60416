package dev.triagebot.classifier.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.triagebot.classifier.similar.IndexedIssue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryRecordReaderTest {
  @TempDir Path dir;

  @Test
  void readsAHistoryRecordWithEveryOptionalKey() throws Exception {
    Path file =
        write(
            "{\"id\":\"h-1\",\"number\":12,\"title\":\"T\",\"body\":\"B\",\"labels\":[\"area:tui\"],"
                + "\"signatures\":[],\"state\":\"closed\",\"state_reason\":\"duplicate\","
                + "\"duplicate_of\":7,\"author_association\":\"member\","
                + "\"created_at\":\"2025-06-01T10:00:00Z\",\"updated_at\":\"2025-06-02T10:00:00Z\"}",
            "",
            "{\"id\":\"dev-1\",\"title\":\"T2\",\"body\":\"\",\"labels\":[],\"signatures\":[],"
                + "\"duplicate_of\":null,\"group\":\"unrelated\"}");

    List<HistoryRecord> records = HistoryRecordReader.read(file);

    assertThat(records).hasSize(2);
    assertThat(records.get(0).toIndexedIssue())
        .isEqualTo(
            new IndexedIssue(
                12,
                "T",
                "B",
                IndexedIssue.State.CLOSED,
                IndexedIssue.StateReason.DUPLICATE,
                List.of("area:tui"),
                "MEMBER",
                Instant.parse("2025-06-01T10:00:00Z"),
                Instant.parse("2025-06-02T10:00:00Z"),
                7));
    assertThat(records.get(1).number()).isNull();
    assertThat(records.get(1).state()).isEqualTo(IndexedIssue.State.OPEN);
    assertThat(records.get(1).source()).isEqualTo("records.jsonl:3");
  }

  @Test
  void anUnknownKeyFailsNamingFileLineAndKey() throws Exception {
    Path file = write("{\"title\":\"T\",\"body\":\"B\",\"duplicateOf\":3}");

    assertThatThrownBy(() -> HistoryRecordReader.read(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("records.jsonl:1: duplicateOf: unknown key");
  }

  @Test
  void wronglyTypedOrMissingValuesFailNamingTheKey() throws Exception {
    assertThatThrownBy(() -> HistoryRecordReader.read(write("{\"title\":\"T\"}")))
        .hasMessage("records.jsonl:1: body: missing");
    assertThatThrownBy(
            () ->
                HistoryRecordReader.read(write("{\"title\":\"T\",\"body\":\"\",\"labels\":\"x\"}")))
        .hasMessage("records.jsonl:1: labels: must be a list of strings");
    assertThatThrownBy(
            () ->
                HistoryRecordReader.read(
                    write("{\"title\":\"T\",\"body\":\"\",\"duplicate_of\":\"#3\"}")))
        .hasMessage("records.jsonl:1: duplicate_of: must be a positive issue number");
    assertThatThrownBy(
            () ->
                HistoryRecordReader.read(
                    write("{\"title\":\"T\",\"body\":\"\",\"state_reason\":\"wontfix\"}")))
        .hasMessage("records.jsonl:1: state_reason: cannot read \"wontfix\"");
    assertThatThrownBy(() -> HistoryRecordReader.read(write("{\"title\":")))
        .hasMessageStartingWith("records.jsonl:1: not valid JSON");
  }

  @Test
  void aHistoryNeedsUniqueNumbers() throws Exception {
    assertThatThrownBy(
            () -> HistoryRecordReader.readHistory(write("{\"title\":\"T\",\"body\":\"\"}")))
        .hasMessage("records.jsonl:1: number: missing in a history");
    assertThatThrownBy(
            () ->
                HistoryRecordReader.readHistory(
                    write(
                        "{\"number\":3,\"title\":\"T\",\"body\":\"\"}",
                        "{\"number\":3,\"title\":\"U\",\"body\":\"\"}")))
        .hasMessage("records.jsonl:2: number: #3 appears twice");
  }

  private Path write(String... lines) throws Exception {
    return Files.write(dir.resolve("records.jsonl"), List.of(lines));
  }
}
