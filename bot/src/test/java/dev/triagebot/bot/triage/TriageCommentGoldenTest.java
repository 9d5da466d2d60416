package dev.triagebot.bot.triage;

import static dev.triagebot.bot.triage.TriageFixtures.match;
import static dev.triagebot.bot.triage.TriageFixtures.matchWithEvidence;
import static dev.triagebot.bot.triage.TriageFixtures.oauthSignature;
import static org.assertj.core.api.Assertions.assertThat;

import dev.triagebot.classifier.match.Evidence;
import dev.triagebot.classifier.match.Evidence.Kind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The rendered comment, compared with reviewed golden files under {@code
 * src/test/resources/golden}. After an intended change of wording, run with {@code
 * -Dgolden.update=true} to rewrite them, and review the diff.
 */
public class TriageCommentGoldenTest {
  static final Path GOLDEN = Path.of("src/test/resources/golden");
  static final TriageComment COMMENT = TriageComment.fromClasspath();

  @Test
  void suggestModeCommentListsEvidenceChecklistDuplicateAndSuggestedLabels() throws IOException {
    String body =
        COMMENT.render(
            match(oauthSignature(), 0.93), List.of(), List.of("area:mcp", "area:auth"), 60260);

    assertMatchesGolden("comment-suggest.md", body);
  }

  @Test
  void applyModeCommentNamesTheLabelsAdded() throws IOException {
    String body =
        COMMENT.render(
            match(oauthSignature(), 0.97), List.of("area:mcp", "area:auth"), List.of(), 60260);

    assertMatchesGolden("comment-apply.md", body);
  }

  @Test
  void commentOnTheCanonicalIssueHasNoDuplicateLineAndNoLabelsWhenAllArePresent()
      throws IOException {
    String body = COMMENT.render(match(oauthSignature(), 0.88), List.of(), List.of(), null);

    assertMatchesGolden("comment-canonical.md", body);
  }

  @Test
  void hostileTextQuotedFromTheIssuePingsNobodyAndInjectsNothing() throws IOException {
    String body =
        COMMENT.render(
            matchWithEvidence(
                oauthSignature(),
                0.91,
                new Evidence("s1", Kind.SIGNAL, "body", "ping @octocat and @org/team see #1", 2),
                new Evidence(
                    "s2", Kind.SIGNAL, "body", "see <script>alert(1)</script><b>x</b> here", 2),
                new Evidence(
                    "s3", Kind.SIGNAL, "title", "x ```\n\n# Injected heading\n- [x] done ``` y", 2),
                new Evidence("s4", Kind.SIGNAL, "body", "-->" + "long text ".repeat(20), 2)),
            List.of(),
            List.of("area:auth"),
            60260);

    assertMatchesGolden("comment-hostile-quotes.md", body);
    assertThat(SafeMarkdownTest.MENTION.matcher(body).find()).isFalse();
    assertThat(body).doesNotContain("<script").doesNotContain("<b>").doesNotContain("\n# ");
    assertThat(body.lines().filter(line -> line.contains("-->")))
        .as("only the marker closes an HTML comment")
        .hasSize(1);
  }

  @Test
  void onlyTheReportersOwnWordsAreQuotedNotTheModelsReasoning() {
    String body =
        COMMENT.render(
            matchWithEvidence(
                oauthSignature(),
                0.9,
                new Evidence("still-needs-auth", Kind.SIGNAL, "body", "still needs auth", 1.4),
                new Evidence("every-facet-shown", Kind.CONTEXT, "", "every facet: a, b, c", 0.8),
                new Evidence(
                    "close-to-known-instance", Kind.SIGNAL, "", "pos-07 (similarity 0.9)", 0.2)),
            List.of(),
            List.of("area:auth"),
            60260);

    assertThat(body).contains("still needs auth");
    assertThat(body)
        .doesNotContain("every facet")
        .doesNotContain("pos-07")
        .doesNotContain("in the :");
  }

  public static void assertMatchesGolden(String name, String actual) throws IOException {
    Path file = GOLDEN.resolve(name);
    if (Boolean.getBoolean("golden.update")) {
      Files.writeString(file, actual, StandardCharsets.UTF_8);
    }
    assertThat(file).as("golden file %s", file).exists();
    assertThat(actual).isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
  }
}
