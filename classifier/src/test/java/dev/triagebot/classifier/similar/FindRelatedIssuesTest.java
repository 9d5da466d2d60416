package dev.triagebot.classifier.similar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.triagebot.classifier.text.IssueText;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FindRelatedIssuesTest {
  private static final Set<String> REPOSITORY_LABELS =
      Set.of("area:mcp", "area:auth", "area:tui", "area:ide", "platform:windows", "platform:macos");
  private static IssueIndex history;

  @BeforeAll
  static void indexTheHistory() {
    history = IssueIndex.inMemory();
    history.rebuild(SimilarCorpora.history());
  }

  @AfterAll
  static void close() {
    history.close();
  }

  @Test
  void aNewReportGetsTheCanonicalIssueFirstRootLinksAndAreaSuggestions() {
    IssueQuery report =
        IssueQuery.of(
            61000,
            new IssueText(
                "Linear MCP: have to log in again after every restart",
                "OAuth login for the Linear MCP server works, but after restarting claude it is"
                    + " back to needs authentication. Tokens are in the macOS keychain."));

    RelatedIssues related =
        new FindRelatedIssues(history)
            .find(
                report,
                Optional.of(new SignatureCanonical("mcp-oauth-token-not-honored", 60260)),
                REPOSITORY_LABELS,
                List.of());

    assertThat(related.links().get(0).number()).isEqualTo(60260);
    assertThat(related.links().get(0).role()).isEqualTo(DuplicateLink.Role.SIGNATURE_CANONICAL);
    // 60544 and 60391 are closed as duplicates leading to 60260, which is linked once.
    assertThat(related.links())
        .extracting(DuplicateLink::number)
        .doesNotHaveDuplicates()
        .doesNotContain(60544, 60391, 61000);
    assertThat(related.neighbours()).extracting(hit -> hit.issue().number()).contains(60544);
    assertThat(related.labels())
        .extracting(LabelSuggestion::label)
        .contains("area:mcp", "area:auth")
        .doesNotContain("platform:windows");
  }

  @Test
  void aReportLikeTheLoopingResumeIssuesLinksNeitherOfThem() {
    IssueQuery report =
        IssueQuery.unnumbered(
            new IssueText(
                "Resume picker empty after upgrade",
                "/resume shows no conversations found after upgrading, though the session files"
                    + " are still on disk."));

    RelatedIssues related =
        new FindRelatedIssues(history).find(report, Optional.empty(), REPOSITORY_LABELS, List.of());

    assertThat(related.neighbours().subList(0, 2))
        .extracting(hit -> hit.issue().number())
        .containsExactlyInAnyOrder(52001, 52002);
    assertThat(related.links()).extracting(DuplicateLink::number).doesNotContain(52001, 52002);
  }
}
