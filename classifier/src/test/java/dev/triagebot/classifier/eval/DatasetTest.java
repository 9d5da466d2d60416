package dev.triagebot.classifier.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DatasetTest {

  @Test
  void malformedLinesAreReportedWithTheirLineNumberAndTheRestIsRead() {
    Dataset dataset =
        Dataset.parse(
            List.of(
                "{\"id\":\"a\",\"title\":\"t\",\"body\":\"b\",\"labels\":[\"area:mcp\"],\"signatures\":[\"s\"],\"group\":\"x\"}",
                "{not json",
                "",
                "{\"title\":\"no id\"}",
                "[1,2]",
                "{\"id\":\"b\",\"title\":\"t2\",\"labels\":\"area:mcp\"}",
                "{\"id\":\"c\",\"title\":\"t3\",\"body\":null}"));

    assertThat(dataset.issues()).extracting(LabelledIssue::id).containsExactly("a", "c");
    assertThat(dataset.issues().get(0).labels()).containsExactly("area:mcp");
    assertThat(dataset.issues().get(0).signatures()).containsExactly("s");
    assertThat(dataset.issues().get(1).text().body()).isEmpty();
    assertThat(dataset.rejected())
        .satisfiesExactly(
            line -> assertThat(line).startsWith("line 2: not valid JSON"),
            line -> assertThat(line).isEqualTo("line 4: field 'id' is missing or not text"),
            line -> assertThat(line).isEqualTo("line 5: not a JSON object"),
            line -> assertThat(line).isEqualTo("line 6: field 'labels' is not a list"));
  }

  @Test
  void confusionCountsGiveTheUsualRates() {
    Confusion counts =
        Confusion.EMPTY
            .add(true, true)
            .add(true, true)
            .add(false, true)
            .add(true, false)
            .add(false, false);

    assertThat(counts).isEqualTo(new Confusion(2, 1, 1, 1));
    assertThat(counts.precision()).isEqualTo(2.0 / 3);
    assertThat(counts.recall()).isEqualTo(2.0 / 3);
    assertThat(counts.f1()).isEqualTo(2.0 / 3);
    assertThat(Confusion.EMPTY.precision()).isZero();
  }
}
