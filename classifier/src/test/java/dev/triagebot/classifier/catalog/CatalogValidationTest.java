package dev.triagebot.classifier.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class CatalogValidationTest {
  private static final String VALID =
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

  @Test
  void theRealCatalogLoadsAndHoldsTheFirstSignature() {
    SignatureCatalog catalog = SignatureCatalog.load(Path.of("../config/signatures"));

    Signature signature = catalog.find("mcp-oauth-token-not-honored").orElseThrow();
    assertThat(signature.canonicalIssue()).isEqualTo(60260);
    assertThat(signature.labels()).containsExactly("area:auth", "area:mcp");
    assertThat(signature.checklist()).hasSizeGreaterThanOrEqualTo(5);
    assertThat(signature.evidence().facets())
        .extracting(Facet::name)
        .contains("mcp-server", "authorization-completed", "token-not-honored");
    assertThat(signature.source()).endsWith("mcp-oauth-token-not-honored.yml");
  }

  @Test
  void aValidEntryIsReadWithEveryField() {
    Signature signature = parseOne(VALID);

    assertThat(signature.id()).isEqualTo("example-signature");
    assertThat(signature.thresholds()).isEqualTo(new Thresholds(0.4, 0.8));
    Signal signal = signature.evidence().facets().get(0).signals().get(0);
    assertThat(signal.fields()).containsExactly("title", "body");
    assertThat(signal.compiled().toString()).isEqualTo("text:\"need authentication\"~2");
    assertThat(signature.evidence().exclusions())
        .extracting(Signal::name)
        .containsExactly("other-bug");
  }

  @Test
  void anUnknownKeyIsNamedWithItsPath() {
    assertRejected(
        VALID.replace("canonical_issue: 42", "canonical_issue: 42\nowner: someone"),
        "owner",
        "unknown key");
    assertRejected(
        VALID.replace("weight: 0.8}", "weight: 0.8, boost: 2}"),
        "facets[0].signals[0].boost",
        "unknown key");
  }

  @Test
  void aMissingFieldIsNamed() {
    assertRejected(VALID.replace("title: Example failure\n", ""), "title", "is missing");
    assertRejected(VALID.replace("canonical_issue: 42\n", ""), "canonical_issue", "is missing");
  }

  @Test
  void thresholdsOutsideTheUnitIntervalAreRefused() {
    assertRejected(VALID.replace("match: 0.4", "match: 1.5"), "thresholds.match", "within [0,1]");
    assertRejected(VALID.replace("apply: 0.8", "apply: 0.3"), "thresholds.apply", "not be below");
    assertRejected(
        VALID.replace("weight: 0.9", "weight: -0.1"), "exclusions[0].weight", "within [0,1]");
  }

  @Test
  void anEmptyChecklistIsRefused() {
    assertRejected(
        VALID.replace("checklist:\n  - Run `claude --version`.", "checklist: []"),
        "checklist",
        "must not be empty");
  }

  @Test
  void aQueryThatDoesNotParseIsRefusedWithTheParserReason() {
    assertRejected(
        VALID.replace("'eaddrinuse'", "'\"unclosed phrase'"),
        "exclusions[0].query",
        "does not parse");
    assertRejected(
        VALID.replace("'eaddrinuse'", "'...'"), "exclusions[0].query", "no searchable words");
  }

  @Test
  void labelsOutsideTheAllowedSetAreRefused() {
    assertRejected(
        VALID.replace("[area:mcp]", "[area:mcp, duplicate]"),
        "labels[1]",
        "outside the allowed set");
  }

  @Test
  void aChecklistThatWouldMentionSomeoneIsRefused() {
    assertRejected(
        VALID.replace("Run `claude --version`.", "Ask @octocat for help."),
        "checklist[0]",
        "@-mention");
  }

  @Test
  void anUnknownFieldIsRefused() {
    assertRejected(
        VALID.replace("weight: 0.8}", "weight: 0.8, fields: [comments]}"),
        "facets[0].signals[0].fields[0]",
        "unknown field");
  }

  @Test
  void duplicateIdsAcrossFilesAreRefusedNamingBothFiles() {
    assertThatThrownBy(
            () ->
                SignatureCatalog.parse(
                    List.of(new CatalogSource("a.yml", VALID), new CatalogSource("b.yml", VALID))))
        .isInstanceOfSatisfying(
            CatalogException.class,
            e -> {
              assertThat(e.file()).isEqualTo("b.yml");
              assertThat(e.field()).isEqualTo("id");
              assertThat(e.problem()).contains("duplicate id").contains("a.yml");
            });
  }

  @Test
  void aKeyWrittenTwiceIsRefusedRatherThanSilentlyOverwritten() {
    assertRejected(
        VALID.replace("title: Example failure", "title: Example failure\ntitle: Other"),
        "(file)",
        "duplicate key title");
  }

  @Test
  void invalidYamlIsReportedAsSuch() {
    assertRejected("id: [unclosed", "(file)", "not valid YAML");
  }

  private static Signature parseOne(String yaml) {
    return SignatureCatalog.parse(List.of(new CatalogSource("example.yml", yaml)))
        .signatures()
        .get(0);
  }

  private static void assertRejected(String yaml, String field, String problem) {
    assertThatThrownBy(() -> parseOne(yaml))
        .isInstanceOfSatisfying(
            CatalogException.class,
            e -> {
              assertThat(e.file()).isEqualTo("example.yml");
              assertThat(e.field()).isEqualTo(field);
              assertThat(e.problem()).contains(problem);
              assertThat(e.getMessage()).startsWith("example.yml: " + field + ": ");
            });
  }
}
