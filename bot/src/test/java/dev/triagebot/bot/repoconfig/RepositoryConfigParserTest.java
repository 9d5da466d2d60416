package dev.triagebot.bot.repoconfig;

import static org.assertj.core.api.Assertions.assertThat;

import dev.triagebot.bot.repoconfig.RepositoryConfigParser.Invalid;
import dev.triagebot.bot.repoconfig.RepositoryConfigParser.Parsed;
import dev.triagebot.bot.repoconfig.RepositoryConfigParser.Valid;
import dev.triagebot.bot.triage.RepositoryPolicy;
import dev.triagebot.bot.triage.TriageMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RepositoryConfigParserTest {
  static final String FILE = "octo-org/app/.github/triage-bot.yml";
  static final Path EXAMPLE = Path.of("../examples/triage-bot.yml");
  static final RepositoryConfigParser PARSER =
      new RepositoryConfigParser(
          Set.of("mcp-oauth-token-not-honored", "other-signature"),
          Set.of("area:mcp", "area:auth"));

  static RepositoryPolicy valid(String text) {
    Parsed parsed = PARSER.parse(FILE, text);
    assertThat(parsed).isInstanceOf(Valid.class);
    return ((Valid) parsed).policy();
  }

  static Invalid invalid(String text) {
    Parsed parsed = PARSER.parse(FILE, text);
    assertThat(parsed).isInstanceOf(Invalid.class);
    return (Invalid) parsed;
  }

  @Test
  void theDocumentedExampleFileIsValidAndMeansWhatItsCommentsSay() throws IOException {
    RepositoryPolicy policy = valid(Files.readString(EXAMPLE));

    assertThat(policy.source()).isEqualTo(FILE);
    assertThat(policy.enabled()).isTrue();
    assertThat(policy.mode()).isEqualTo(TriageMode.SUGGEST);
    assertThat(policy.signaturesOff()).isEmpty();
    assertThat(policy.labelRenames()).isEqualTo(Map.of("area:mcp", "mcp", "area:auth", "auth"));
    assertThat(policy.suggestThreshold()).isEqualTo(0.6);
    assertThat(policy.applyThreshold()).isEqualTo(0.9);
    assertThat(policy.skipAuthors()).containsExactlyInAnyOrder("release-captain", "octo-intern");
    assertThat(policy.skipAssociations()).containsExactlyInAnyOrder("OWNER", "MEMBER");
  }

  @Test
  void theReadmeShowsTheExampleFileAsItIs() throws IOException {
    assertThat(Files.readString(Path.of("../README.md"))).contains(Files.readString(EXAMPLE));
  }

  @Test
  void anEmptyFileOrOneOfCommentsMeansTheDefaults() {
    assertThat(valid("")).isEqualTo(RepositoryPolicy.DEFAULTS.from(FILE));
    assertThat(valid("# nothing yet\n")).isEqualTo(RepositoryPolicy.DEFAULTS.from(FILE));
  }

  @Test
  void signaturesTurnOffWithOffOrFalse() {
    RepositoryPolicy policy =
        valid("signatures:\n  mcp-oauth-token-not-honored: off\n  other-signature: true\n");

    assertThat(policy.signaturesOff()).containsExactly("mcp-oauth-token-not-honored");
  }

  @Test
  void brokenYamlIsRefusedWithTheLineOfTheProblem() {
    Invalid invalid = invalid("enabled: true\nmode: suggest\nlabel_renames:\n  area:mcp: [mcp\n");

    assertThat(invalid.line()).isEqualTo(5);
    assertThat(invalid.problem()).startsWith("not valid YAML: ");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          an unknown key                | enabled: true\\nmodes: apply                        | 2 | modes: unknown key (known: enabled, mode, signatures, label_renames, thresholds, skip)
          a mode that does not exist    | mode: sometimes                                     | 1 | mode: 'sometimes' is not one of dry-run, suggest, apply
          enabled that is no boolean    | enabled: maybe                                      | 1 | enabled: expected true or false (or on/off)
          a signature not in the catalog| signatures:\\n  mcp-oauth: off                      | 2 | signatures: the catalog has no signature 'mcp-oauth'
          a rename of a foreign label   | label_renames:\\n  bug: defect                      | 2 | label_renames.bug: no signature of the catalog has the label 'bug'
          a rename that could mention   | label_renames:\\n  area:mcp: '@octocat'             | 2 | label_renames.area:mcp: '@', '`', '<' and control characters are not allowed
          a threshold above 1           | thresholds:\\n  suggest: 1.5                        | 2 | thresholds.suggest: expected a number from 0 to 1
          apply below suggest           | thresholds:\\n  suggest: 0.8\\n  apply: 0.7         | 3 | thresholds.apply (0.7) is below thresholds.suggest (0.8)
          a login GitHub cannot have    | skip:\\n  authors: [octo cat]                       | 2 | skip.authors[0]: 'octo cat' is not a GitHub login
          an unknown association        | skip:\\n  associations: [OWNER, ADMIN]              | 2 | skip.associations[1]: 'ADMIN' is not an author association (OWNER, MEMBER, COLLABORATOR, CONTRIBUTOR, FIRST_TIMER, FIRST_TIME_CONTRIBUTOR, MANNEQUIN, NONE)
          a list where a mapping belongs| - enabled                                           | 1 | the file: expected a mapping (key: value lines)
          a mapping where a list belongs| skip:\\n  authors: octocat                          | 2 | skip.authors: expected a list
          """)
  void aWrongValueIsRefusedNamingItsLineAndField(
      String scenario, String text, int line, String problem) {
    Invalid invalid = invalid(text.replace("\\n", "\n"));

    assertThat(invalid.problem()).isEqualTo(problem);
    assertThat(invalid.line()).isEqualTo(line);
  }

  @Test
  void aKeyGivenTwiceIsRefused() {
    Invalid invalid = invalid("mode: apply\nenabled: true\nmode: dry-run\n");

    assertThat(invalid.line()).isEqualTo(3);
    assertThat(invalid.problem()).contains("mode");
  }

  @Test
  void anAliasBombIsRefusedWithoutExpandingIt() {
    StringBuilder bomb = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
    for (char c = 'b'; c <= 'z'; c++) {
      char prev = (char) (c - 1);
      bomb.append(c).append(": &").append(c).append(" [");
      bomb.append(("*" + prev + ", ").repeat(9)).append("*").append(prev).append("]\n");
    }

    assertThat(PARSER.parse(FILE, bomb.toString())).isInstanceOf(Invalid.class);
  }

  @Test
  void aFileOverTheLimitIsRefusedUnread() {
    Invalid invalid = invalid("# " + "x".repeat(RepositoryConfigParser.MAX_CHARS) + "\n");

    assertThat(invalid.line()).isZero();
    assertThat(invalid.problem()).isEqualTo("the file is over 64 KB");
  }

  @Test
  void loginsAndAssociationsCompareWithoutCase() {
    RepositoryPolicy policy =
        valid("skip:\n  authors:\n    - Octo-Cat\n    - renovate[bot]\n  associations: [owner]\n");

    assertThat(policy.skipReason("octo-cat", "NONE")).contains("octo-cat").contains(FILE);
    assertThat(policy.skipReason("someone", "OWNER"))
        .isEqualTo("author association OWNER is skipped by " + FILE);
    assertThat(policy.skipReason("someone", "CONTRIBUTOR")).isNull();
  }
}
