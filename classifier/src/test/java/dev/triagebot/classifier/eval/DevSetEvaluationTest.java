package dev.triagebot.classifier.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.triagebot.classifier.catalog.SignatureCatalog;
import dev.triagebot.classifier.match.SignatureMatcher;
import dev.triagebot.testing.SharedMaterial;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The floor the issue sets on the shared development set. */
class DevSetEvaluationTest {
  private static final String SIGNATURE = "mcp-oauth-token-not-honored";

  @Test
  void theDevSetIsClassifiedAbovePrecisionAndRecallFloors() throws Exception {
    Dataset dataset = Dataset.read(SharedMaterial.require("eval/dev-set.jsonl"));
    SignatureCatalog catalog = SignatureCatalog.load(Path.of("../config/signatures"));

    EvaluationReport report;
    try (SignatureMatcher matcher = new SignatureMatcher(catalog)) {
      report = new Evaluation(catalog, matcher).run(dataset);
    }

    assertThat(dataset.rejected()).isEmpty();
    assertThat(report.examples()).isEqualTo(120);
    Confusion counts = report.signatures().get(SIGNATURE);
    assertThat(counts.tp() + counts.fn()).isEqualTo(35);
    assertThat(counts.precision()).as("precision on the dev set").isGreaterThanOrEqualTo(0.95);
    assertThat(counts.recall()).as("recall on the dev set").isGreaterThanOrEqualTo(0.90);
  }
}
