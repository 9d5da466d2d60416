package dev.triagebot.classifier.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.triagebot.classifier.catalog.SignatureCatalog;
import dev.triagebot.classifier.fit.ModelFitter;
import dev.triagebot.classifier.match.SignatureMatcher;
import dev.triagebot.testing.SharedMaterial;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The measure that matters: 5-fold cross-validation on real reports, each fold scored by weights
 * fitted without it, exactly as {@code eval --cv 5 --dataset real-train.jsonl --train-only
 * dev-set.jsonl --target-precision 0.7} does. The floors guard what was reached (README,
 * "Accuracy"); they sit below the goals of precision 0.85 and recall 0.75, which these signals do
 * not reach on real reports.
 */
class RealReportsCrossValidationTest {
  private static final String SIGNATURE = "mcp-oauth-token-not-honored";

  @Test
  void crossValidatedOnRealReportsTheSignatureStaysAboveItsFloors() throws Exception {
    Dataset real = Dataset.read(SharedMaterial.require("eval/real-train.jsonl"));
    Dataset written = Dataset.read(SharedMaterial.require("eval/dev-set.jsonl"));
    SignatureCatalog catalog = SignatureCatalog.load(Path.of("../config/signatures"));

    EvaluationReport report;
    try (SignatureMatcher matcher = new SignatureMatcher(catalog)) {
      report =
          new CrossValidation(catalog, matcher, new ModelFitter.Settings(5, 1, 0.7))
              .run(real, written);
    }

    assertThat(report.examples()).isEqualTo(244);
    Confusion counts = report.signatures().get(SIGNATURE);
    assertThat(counts.tp() + counts.fn()).isEqualTo(22);
    String errors = report.errors().toString();
    assertThat(counts.precision())
        .as("cross-validated precision " + errors)
        .isGreaterThanOrEqualTo(0.65);
    assertThat(counts.recall()).as("cross-validated recall " + errors).isGreaterThanOrEqualTo(0.55);
    assertThat(report.falsePositivesByGroup().get(SIGNATURE).getOrDefault("near_miss", 0))
        .as("near misses matched")
        .isLessThanOrEqualTo(4);
    assertThat(report.crossValidation()).isPresent();
    assertThat(report.crossValidation().get().foldThresholds().get(SIGNATURE)).hasSize(5);
  }
}
