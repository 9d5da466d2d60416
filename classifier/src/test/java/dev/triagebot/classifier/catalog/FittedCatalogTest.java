package dev.triagebot.classifier.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A signature's fitted file and examples are read with it, and refused with file, field, problem.
 */
class FittedCatalogTest {
  private static final String ENTRY =
      """
      id: example-signature
      title: Example failure
      canonical_issue: 42
      labels: [area:mcp]
      thresholds: {match: 0.4, apply: 0.8}
      facets:
        - name: example
          description: The example facet.
          signals:
            - {name: example-phrase, query: '"needs authentication"~2', weight: 0.8}
      exclusions:
        - {name: other-bug, query: 'eaddrinuse', weight: 0.9}
      checklist:
        - Run `claude --version`.
      """;

  private static final String FITTED =
      """
      signature: example-signature
      fitted_on: '2026-12-01'
      model:
        kind: logistic regression
        regularisation_c: 0.3
        intercept: -3.0
        weights:
          signal.example-phrase.body: 2.5
          exclusion.other-bug: -1.5
          facets.all: 0.5
      threshold: 0.6
      needs_look: 0.3
      data: []
      """;

  private static final String EXAMPLES =
      """
      {"id": "ex-1", "title": "still needs authentication", "body": "after login", "signatures": ["example-signature"]}
      {"id": "ex-2", "title": "port busy", "body": "EADDRINUSE", "signatures": []}
      """;

  @Test
  void theFittedFileReplacesTheMatchThresholdAndCarriesItsWeights() {
    Signature signature = load(ENTRY, FITTED, EXAMPLES);

    FittedModel model = signature.fitted().orElseThrow();
    assertThat(model.weight("signal.example-phrase.body")).isEqualTo(2.5);
    assertThat(model.weight("signal.example-phrase.title")).isZero();
    assertThat(model.intercept()).isEqualTo(-3.0);
    assertThat(model.fittedOn()).isEqualTo(java.time.LocalDate.of(2026, 12, 1));
    assertThat(signature.thresholds()).isEqualTo(new Thresholds(0.6, 0.8));
    assertThat(signature.exemplars())
        .extracting(Exemplar::id, Exemplar::instance)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("ex-1", true),
            org.assertj.core.groups.Tuple.tuple("ex-2", false));
  }

  @Test
  void withoutAFittedFileTheHandWeightsAndThresholdsStay() {
    Signature signature = load(ENTRY, null, null);

    assertThat(signature.fitted()).isEmpty();
    assertThat(signature.thresholds()).isEqualTo(new Thresholds(0.4, 0.8));
    assertThat(signature.exemplars()).isEmpty();
  }

  @Test
  void aWeightForAFeatureTheSignatureCannotProduceIsRefused() {
    assertRefused(
        FITTED.replace("facets.all: 0.5", "signal.renamed-away.body: 0.5"),
        "model.weights.signal.renamed-away.body",
        "is not a feature");
  }

  @Test
  void aFittedDateThatIsNotAnIsoDateIsRefused() {
    assertRefused(
        FITTED.replace("fitted_on: '2026-12-01'", "fitted_on: 'last tuesday'"),
        "fitted_on",
        "ISO date");
  }

  @Test
  void aFittedFileForAnotherSignatureIsRefused() {
    assertRefused(
        FITTED.replace("signature: example-signature", "signature: other"),
        "signature",
        "belongs to 'example-signature'");
  }

  @Test
  void thresholdsOutOfRangeAreRefused() {
    assertRefused(FITTED.replace("threshold: 0.6", "threshold: 1.6"), "threshold", "[0,1]");
    assertRefused(
        FITTED.replace("needs_look: 0.3", "needs_look: 0.7"), "needs_look", "not be above");
  }

  @Test
  void aFittedFileWithoutItsSignatureIsRefused() {
    assertThatThrownBy(
            () ->
                SignatureCatalog.parse(
                    List.of(
                        new CatalogSource("dir/example.yml", "example.yml", ENTRY),
                        new CatalogSource("dir/ghost.fitted.yml", "ghost.fitted.yml", FITTED))))
        .isInstanceOfSatisfying(
            CatalogException.class,
            e -> {
              assertThat(e.file()).isEqualTo("dir/ghost.fitted.yml");
              assertThat(e.problem()).contains("no 'ghost.yml'");
            });
  }

  @Test
  void aBadExampleLineIsRefusedWithItsLineNumber() {
    assertThatThrownBy(() -> load(ENTRY, null, EXAMPLES + "{\"id\": \"ex-3\"}\n"))
        .isInstanceOfSatisfying(
            CatalogException.class,
            e -> {
              assertThat(e.file()).endsWith("examples/reports.jsonl");
              assertThat(e.field()).isEqualTo("line 3.title");
            });
  }

  @Test
  void theRealCatalogHasAFittedFileAndExamplesThatLoad() {
    Signature signature =
        SignatureCatalog.load(Path.of("../config/signatures"))
            .find("mcp-oauth-token-not-honored")
            .orElseThrow();

    assertThat(signature.fitted()).isPresent();
    assertThat(signature.thresholds().match()).isEqualTo(signature.fitted().get().threshold());
    assertThat(signature.exemplars()).anyMatch(Exemplar::instance).anyMatch(e -> !e.instance());
  }

  private static Signature load(String entry, String fitted, String examples) {
    List<CatalogSource> sources = new java.util.ArrayList<>();
    sources.add(new CatalogSource("dir/example-signature.yml", "example-signature.yml", entry));
    if (fitted != null) {
      sources.add(
          new CatalogSource(
              "dir/example-signature.fitted.yml", "example-signature.fitted.yml", fitted));
    }
    if (examples != null) {
      sources.add(
          new CatalogSource(
              "dir/example-signature/examples/reports.jsonl",
              "example-signature/examples/reports.jsonl",
              examples));
    }
    return SignatureCatalog.parse(sources).signatures().get(0);
  }

  private static void assertRefused(String fitted, String field, String problem) {
    assertThatThrownBy(() -> load(ENTRY, fitted, null))
        .isInstanceOfSatisfying(
            CatalogException.class,
            e -> {
              assertThat(e.file()).isEqualTo("dir/example-signature.fitted.yml");
              assertThat(e.field()).isEqualTo(field);
              assertThat(e.problem()).contains(problem);
            });
  }
}
