package dev.triagebot.bot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import dev.triagebot.classifier.catalog.FittedModel;
import dev.triagebot.classifier.catalog.Signature;
import dev.triagebot.classifier.catalog.SignatureCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code fit} and {@code eval --cv} as an operator runs them, on the project's own corpus (so they
 * run on any clone): the fitted file round-trips into the catalog, and cross-validation reports
 * groups and thresholds reproducibly.
 */
class FitAndCrossValidationCommandTest {
  private static final String SIGNATURE = "mcp-oauth-token-not-honored";
  private static final Path CORPUS = Path.of("../classifier/src/test/resources/corpus");

  @TempDir Path temp;
  private Path catalog;
  private final Terminal terminal = new Terminal();

  /** A copy of the real catalog without its fitted file, so a fit writes into it. */
  @BeforeEach
  void copyTheCatalog() throws Exception {
    Path source = Path.of("../config/signatures");
    catalog = temp.resolve("signatures");
    try (Stream<Path> files = Files.walk(source)) {
      for (Path file : files.toList()) {
        Path target = catalog.resolve(source.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else if (!file.getFileName().toString().endsWith(".fitted.yml")) {
          Files.copy(file, target);
        }
      }
    }
  }

  @Test
  void fitWritesAFittedFileThatTheCatalogLoadsWithItsProvenance() throws Exception {
    Path output = catalog.resolve(SIGNATURE + ".fitted.yml");

    int exit = fit("--output", output.toString());

    assertThat(exit).as(terminal.stderr()).isZero();
    assertThat(terminal.stderr()).contains("wrote " + output).contains("cross-validation");
    String yaml = Files.readString(output);
    assertThat(yaml)
        .contains("signature: '" + SIGNATURE + "'")
        .contains("file: 'must-match.jsonl'")
        .containsPattern("sha256: '[0-9a-f]{64}'")
        .contains("records: 35")
        .contains("role: 'training only'")
        .contains("cv:");
    Signature fitted = SignatureCatalog.load(catalog).find(SIGNATURE).orElseThrow();
    FittedModel model = fitted.fitted().orElseThrow();
    assertThat(model.weights()).isNotEmpty();
    assertThat(fitted.thresholds().match()).isEqualTo(model.threshold());
  }

  @Test
  void historyJoinsTheTrainingTheCanonicalDuplicatesAsInstancesAndLeavesOpenIssuesOut()
      throws Exception {
    Path history = temp.resolve("history.jsonl");
    Files.writeString(
        history,
        String.join(
            "\n",
            historyRecord(
                101,
                "closed",
                "duplicate",
                "60260",
                "Linear MCP says authenticated but /mcp still shows needs authentication"),
            historyRecord(102, "closed", "completed", "null", "Status line flickers in tmux"),
            historyRecord(103, "open", null, "null", "Figma MCP asks me to log in every day")));
    Path output = catalog.resolve(SIGNATURE + ".fitted.yml");

    int exit = fit("--history", history.toString(), "--output", output.toString());

    assertThat(exit).as(terminal.stderr()).isZero();
    assertThat(terminal.stderr())
        .contains("history " + history + ": 1 instances, 1 others, 1 open and undecided");
    assertThat(Files.readString(output))
        .containsPattern(
            "file: 'history.jsonl'\\s+sha256: '[0-9a-f]{64}'\\s+records: 2\\s+positives: 1"
                + "\\s+role: 'training only'");
  }

  @Test
  void fromStoreTrainsOnTheKnownIssuesWithMaintainersVerdictsOutweighingTheirState()
      throws Exception {
    Path dataDir = temp.resolve("data");
    try (HikariDataSource store = new HikariDataSource()) {
      store.setJdbcUrl("jdbc:h2:file:" + dataDir.resolve("triage") + ";WRITE_DELAY=0");
      store.setUsername("sa");
      Flyway.configure().dataSource(store).load().migrate();
      JdbcTemplate jdbc = new JdbcTemplate(store);
      jdbc.update("INSERT INTO known_issue_repository (repository, version) VALUES (?, 6)", REPO);
      knownIssue(jdbc, 60260, "open", null, null);
      knownIssue(jdbc, 101, "closed", "duplicate", 60260);
      knownIssue(jdbc, 102, "closed", "completed", null);
      knownIssue(jdbc, 103, "open", null, null);
      knownIssue(jdbc, 104, "closed", "duplicate", 60260);
      knownIssue(jdbc, 105, "open", null, null);
      verdict(jdbc, 103, "accepted");
      verdict(jdbc, 104, "rejected");
      verdict(jdbc, 999, "objected");
      verdict(jdbc, 105, "pending");
    }
    Path output = catalog.resolve(SIGNATURE + ".fitted.yml");

    int exit = fit("--from-store", "--triage.data-dir=" + dataDir, "--output", output.toString());

    assertThat(exit).as(terminal.stderr()).isZero();
    assertThat(terminal.stderr())
        .contains(
            "store: 6 known issues, 3 verdicts: 3 instances, 2 others, 1 open and undecided (left"
                + " out), 1 verdicts on issues whose text the store does not hold (left out)");
    assertThat(Files.readString(output))
        .containsPattern(
            "file: 'store'\\s+sha256: '[0-9a-f]{64}'\\s+records: 5\\s+positives: 3"
                + "\\s+role: 'training only'");
  }

  @Test
  void fromStoreWithAStoreThatCannotBeOpenedSaysWhyAndWritesNothing() {
    Path output = catalog.resolve(SIGNATURE + ".fitted.yml");

    int exit =
        fit(
            "--from-store",
            "--spring.datasource.url=jdbc:postgresql://127.0.0.1:1/none",
            "--output",
            output.toString());

    assertThat(exit).isEqualTo(1);
    assertThat(terminal.stderr()).contains("fit: cannot open the store");
    assertThat(output).doesNotExist();
  }

  private static final String REPO = "anthropics/claude-code";

  private static void knownIssue(
      JdbcTemplate jdbc, int number, String state, String reason, Integer duplicateOf) {
    jdbc.update(
        "INSERT INTO known_issue (repository, issue_number, title, body, state, state_reason,"
            + " labels, duplicate_of, removed, version) VALUES (?, ?, ?, ?, ?, ?, '[]', ?, FALSE,"
            + " ?)",
        REPO,
        number,
        "MCP server " + number + " still needs authentication after OAuth",
        "The browser said authorized, then /mcp shows needs authentication for server " + number,
        state,
        reason,
        duplicateOf,
        number % 7);
  }

  private static void verdict(JdbcTemplate jdbc, int number, String status) {
    jdbc.update(
        "INSERT INTO review_suggestion (installation_id, repository, issue_number, issue_title,"
            + " signature_id, confidence, score, evidence, status, created_at, decided_at)"
            + " VALUES (1, ?, ?, 't', ?, 0.9, 1.0, '[]', ?, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)",
        "Anthropics/Claude-Code",
        number,
        SIGNATURE,
        status);
  }

  @Test
  void aHistoryWithAnUnknownKeyIsAUsageErrorNamingItsLine() throws Exception {
    Path history = temp.resolve("history.jsonl");
    Files.writeString(
        history,
        historyRecord(101, "closed", "completed", "null", "fine")
            + "\n{\"number\": 102, \"title\": \"t\", \"body\": \"b\", \"duplicateOf\": 60260}\n");

    assertThat(fit("--history", history.toString())).isEqualTo(2);
    assertThat(terminal.stderr()).contains("history.jsonl:2: duplicateOf: unknown key");
  }

  @Test
  void fitWithoutOutputPrintsTheFileAndTheSameDataGiveTheSameFile() {
    assertThat(fit()).isZero();
    String first = terminal.stdout();
    Terminal again = new Terminal();
    assertThat(again.run(fitArguments())).isZero();

    assertThat(first).startsWith("# Fitted weights of " + SIGNATURE).isEqualTo(again.stdout());
  }

  @Test
  void fitOfAnUnknownSignatureIsAUsageErrorNamingTheKnownOnes() {
    int exit =
        terminal.run(
            "fit",
            "--catalog",
            catalog.toString(),
            "--signature",
            "no-such-thing",
            "--dataset",
            CORPUS.resolve("must-match.jsonl").toString());

    assertThat(exit).isEqualTo(2);
    assertThat(terminal.stderr()).contains("no signature 'no-such-thing'").contains(SIGNATURE);
    assertThat(terminal.stderr()).doesNotContain("Exception");
  }

  @Test
  void crossValidationReportsFoldsGroupsAndThresholdsAndKeepsTheOtherKeys() throws Exception {
    int exit = crossValidate("7");

    assertThat(exit).as(terminal.stderr()).isZero();
    JsonNode json = new ObjectMapper().readTree(terminal.stdout());
    assertThat(json.get("examples").asInt()).isEqualTo(111);
    assertThat(json.has("signatures")).isTrue();
    assertThat(json.has("labels")).isTrue();
    assertThat(json.has("errors")).isTrue();
    JsonNode cv = json.get("cv");
    assertThat(cv.get("folds").asInt()).isEqualTo(5);
    assertThat(cv.get("seed").asInt()).isEqualTo(7);
    assertThat(cv.get("fold_thresholds").get(SIGNATURE)).hasSize(5);
    assertThat(cv.get("thresholds").get(SIGNATURE)).hasSize(9);
    assertThat(cv.get("thresholds").get(SIGNATURE).get(0).get("threshold").asDouble())
        .isEqualTo(0.1);
    assertThat(cv.get("by_group").get(SIGNATURE).isObject()).isTrue();
    JsonNode counts = json.get("signatures").get(SIGNATURE);
    assertThat(counts.get("tp").asInt() + counts.get("fn").asInt()).isEqualTo(35);
  }

  @Test
  void theSameSeedGivesTheSameCrossValidationAndAnotherSeedOtherFolds() throws Exception {
    crossValidate("3");
    JsonNode first = new ObjectMapper().readTree(terminal.stdout()).get("cv");
    Terminal again = new Terminal();
    again.run(crossValidationArguments("3"));
    Terminal other = new Terminal();
    other.run(crossValidationArguments("4"));

    assertThat(new ObjectMapper().readTree(again.stdout()).get("cv")).isEqualTo(first);
    assertThat(new ObjectMapper().readTree(other.stdout()).get("cv").get("seed").asInt())
        .isEqualTo(4);
  }

  private static String historyRecord(
      int number, String state, String stateReason, String duplicateOf, String title) {
    return "{\"number\": %d, \"title\": \"%s\", \"body\": \"%s, see the logs.\", \"state\": \"%s\", \"state_reason\": %s, \"duplicate_of\": %s}"
        .formatted(
            number,
            title,
            title,
            state,
            stateReason == null ? "null" : "\"" + stateReason + "\"",
            duplicateOf);
  }

  private int fit(String... more) {
    String[] arguments =
        Stream.concat(Stream.of(fitArguments()), Stream.of(more)).toArray(String[]::new);
    return terminal.run(arguments);
  }

  private String[] fitArguments() {
    return new String[] {
      "fit",
      "--catalog",
      catalog.toString(),
      "--signature",
      SIGNATURE,
      "--dataset",
      CORPUS.resolve("must-not-match.jsonl").toString(),
      "--dataset",
      catalog.resolve(SIGNATURE + "/examples/reports.jsonl").toString(),
      "--train-only",
      CORPUS.resolve("must-match.jsonl").toString()
    };
  }

  private int crossValidate(String seed) {
    return terminal.run(crossValidationArguments(seed));
  }

  private String[] crossValidationArguments(String seed) {
    return new String[] {
      "eval",
      "--cv",
      "--seed",
      seed,
      "--json",
      "--catalog",
      catalog.toString(),
      "--dataset",
      CORPUS.resolve("must-match.jsonl").toString(),
      "--dataset",
      CORPUS.resolve("must-not-match.jsonl").toString()
    };
  }
}
