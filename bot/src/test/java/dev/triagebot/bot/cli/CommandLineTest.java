package dev.triagebot.bot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The classify and eval commands as a user runs them, without Spring. */
class CommandLineTest {
  private static final String MATCHING_TITLE =
      "Remote MCP server stays in Needs authentication after OAuth";
  private static final String MATCHING_BODY =
      "The browser shows the success page and Claude Code says Authentication successful, but /mcp"
          + " still shows our HTTP MCP server as needs authentication. No tools appear.";

  @TempDir Path temp;
  private final Terminal terminal = new Terminal();

  @Test
  void classifyPrintsTheSignatureItsEvidenceLabelsAndChecklist() throws Exception {
    Path body = Files.writeString(temp.resolve("issue.md"), MATCHING_BODY);

    int exit = run("", "classify", "--title", MATCHING_TITLE, "--body-file", body.toString());

    assertThat(exit).isZero();
    assertThat(terminal.stdout())
        .contains("Signature:  mcp-oauth-token-not-honored")
        .contains("Labels:     area:auth, area:mcp")
        .contains("Duplicate:  #60260")
        .contains("sign-in-reported-successful")
        .contains("\"Authentication successful\"")
        .contains("  - [ ] **Version and install**");
  }

  @Test
  void classifyReadsTheBodyFromStandardInputAndPrintsJson() throws Exception {
    int exit =
        run(MATCHING_BODY, "classify", "--title", MATCHING_TITLE, "--body-file", "-", "--json");

    assertThat(exit).isZero();
    JsonNode json = new ObjectMapper().readTree(terminal.stdout());
    assertThat(json.get("matched").get(0).asText()).isEqualTo("mcp-oauth-token-not-honored");
    JsonNode result = json.get("results").get(0);
    assertThat(result.get("confidence").asDouble()).isBetween(0.4, 1.0);
    assertThat(result.get("labels").toString()).isEqualTo("[\"area:auth\",\"area:mcp\"]");
    assertThat(result.get("evidence").get(0).get("field").asText()).isIn("title", "body");
    assertThat(result.get("checklist").size()).isGreaterThanOrEqualTo(5);
  }

  @Test
  void classifySaysWhenNothingMatchedAndShowsTheClosestCandidate() throws Exception {
    int exit =
        run(
            "",
            "classify",
            "--title",
            "Terminal flickers",
            "--body",
            "The TUI flickers while streaming.");

    assertThat(exit).isZero();
    assertThat(terminal.stdout())
        .startsWith("No signature matched.")
        .contains("Closest: mcp-oauth-token-not-honored");
  }

  @Test
  void evalPrintsOneJsonObjectAndReportsMalformedLinesOnStandardError() throws Exception {
    Path dataset =
        Files.writeString(
            temp.resolve("set.jsonl"),
            String.join(
                "\n",
                record(
                    "p1",
                    MATCHING_TITLE,
                    MATCHING_BODY,
                    "[\"area:auth\",\"area:mcp\"]",
                    "[\"mcp-oauth-token-not-honored\"]"),
                "{broken",
                record("n1", "Terminal flickers", "The TUI flickers.", "[\"area:tui\"]", "[]"),
                record(
                    "n2",
                    "Needs authentication after login",
                    "The MCP server stays in needs authentication; the browser login succeeded.",
                    "[\"area:mcp\"]",
                    "[]")));

    int exit = run("", "eval", "--dataset", dataset.toString(), "--json");

    assertThat(exit).isZero();
    JsonNode json = new ObjectMapper().readTree(terminal.stdout());
    assertThat(json.get("examples").asInt()).isEqualTo(3);
    JsonNode signature = json.get("signatures").get("mcp-oauth-token-not-honored");
    assertThat(signature.get("tp").asInt()).isEqualTo(1);
    assertThat(signature.get("fp").asInt()).isEqualTo(1);
    assertThat(signature.get("tn").asInt()).isEqualTo(1);
    assertThat(signature.get("precision").asDouble()).isEqualTo(0.5);
    assertThat(json.get("labels").get("area:mcp").get("tp").asInt()).isEqualTo(2);
    assertThat(json.get("errors").get(0).get("id").asText()).isEqualTo("n2");
    assertThat(terminal.stderr()).contains("skipped ").contains("set.jsonl line 2: not valid JSON");
  }

  @Test
  void evalWithoutADatasetFileFailsWithExitCodeTwo() {
    int exit = run("", "eval", "--dataset", temp.resolve("missing.jsonl").toString());

    assertThat(exit).isEqualTo(2);
    assertThat(terminal.stderr()).contains("dataset not found");
  }

  @Test
  void anUnknownOptionFailsWithUsage() {
    assertThat(run("", "classify", "--tittle", "x")).isEqualTo(2);
    assertThat(terminal.stderr())
        .startsWith("error: Unknown option: '--tittle'")
        .contains("Usage: java -jar triage-bot.jar classify");
  }

  @Test
  void aBadCatalogDirectoryNamesTheProblem() throws Exception {
    Path catalog = Files.createDirectory(temp.resolve("catalog"));
    Files.writeString(catalog.resolve("broken.yml"), "id: broken\n");

    int exit = run("", "classify", "--title", "x", "--body", "y", "--catalog", catalog.toString());

    assertThat(exit).isEqualTo(2);
    assertThat(terminal.stderr()).contains("broken.yml: title: is missing");
  }

  private static String record(
      String id, String title, String body, String labels, String signatures) {
    return "{\"id\":\"%s\",\"title\":\"%s\",\"body\":\"%s\",\"labels\":%s,\"signatures\":%s}"
        .formatted(id, title, body, labels, signatures);
  }

  private int run(String stdin, String... args) {
    return terminal.runWithInput(stdin, args);
  }
}
