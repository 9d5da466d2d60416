package dev.triagebot.classifier.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.triagebot.classifier.catalog.SignatureCatalog;
import dev.triagebot.classifier.match.SignatureMatch;
import dev.triagebot.classifier.match.SignatureMatcher;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The project's own labelled corpus (written for this project, in wording unlike the shared dev
 * set): reports that must match their signature, and look-alikes that must match nothing.
 */
class LabelledCorpusTest {
  private static SignatureCatalog catalog;
  private static SignatureMatcher matcher;

  @BeforeAll
  static void load() {
    catalog = SignatureCatalog.load(Path.of("../config/signatures"));
    matcher = new SignatureMatcher(catalog);
  }

  @AfterAll
  static void close() {
    matcher.close();
  }

  static Stream<LabelledIssue> mustMatch() throws IOException {
    return read("must-match.jsonl").issues().stream();
  }

  static Stream<LabelledIssue> mustNotMatch() throws IOException {
    return read("must-not-match.jsonl").issues().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("mustMatch")
  void reportsOfTheFailureMatchItsSignature(LabelledIssue issue) {
    assertThat(matchedIds(issue))
        .as(issue.id() + " " + issue.text().title())
        .containsExactlyElementsOf(issue.signatures());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("mustNotMatch")
  void lookAlikesAndUnrelatedReportsMatchNothing(LabelledIssue issue) {
    assertThat(matchedIds(issue)).as(issue.id() + " " + issue.text().title()).isEmpty();
  }

  @Test
  void theWholeCorpusIsClassifiedAboveTheFloors() throws IOException {
    Dataset corpus = new Dataset(Stream.concat(mustMatch(), mustNotMatch()).toList(), List.of());

    EvaluationReport report = new Evaluation(catalog, matcher).run(corpus);

    Confusion counts = report.signatures().get("mcp-oauth-token-not-honored");
    assertThat(counts.tp() + counts.fn()).isEqualTo(70);
    assertThat(counts.fp() + counts.tn()).isEqualTo(105);
    assertThat(counts.precision()).isGreaterThanOrEqualTo(0.95);
    assertThat(counts.recall()).isGreaterThanOrEqualTo(0.90);
  }

  private static List<String> matchedIds(LabelledIssue issue) {
    return matcher.match(issue.text()).stream()
        .map(SignatureMatch::signature)
        .map(s -> s.id())
        .toList();
  }

  private static Dataset read(String name) throws IOException {
    try (InputStream in = LabelledCorpusTest.class.getResourceAsStream("/corpus/" + name)) {
      Dataset dataset =
          Dataset.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList());
      assertThat(dataset.rejected()).isEmpty();
      return dataset;
    }
  }
}
