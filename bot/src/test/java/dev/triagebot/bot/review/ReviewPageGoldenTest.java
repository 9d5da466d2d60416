package dev.triagebot.bot.review;

import static dev.triagebot.bot.triage.TriageCommentGoldenTest.assertMatchesGolden;
import static org.assertj.core.api.Assertions.assertThat;

import dev.triagebot.bot.issue.IssueRef;
import dev.triagebot.bot.issue.RepositoryRef;
import dev.triagebot.classifier.match.Evidence;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The review page's text, compared with the reviewed golden file {@code
 * src/test/resources/golden/review-page.html}; {@code -Dgolden.update=true} rewrites it.
 */
class ReviewPageGoldenTest {
  static final String REPO = "octo-org/triage-sandbox";
  static final String SIGNATURE = "mcp-oauth-token-not-honored";

  @Test
  void aReportThatNeedsALookIsListedAmongThePendingAndCountedApartWithTheVerdictsSinceTheFit()
      throws IOException {
    Suggestion suggested =
        suggestion(
            11,
            "MCP server stays in 'Needs authentication' although OAuth succeeds",
            0.92,
            false,
            60260,
            5001L,
            SuggestionStatus.PENDING);
    Suggestion thin =
        suggestion(12, "[BUG] mcp needs auth", 0.41, true, null, null, SuggestionStatus.PENDING);
    Suggestion rejected =
        suggestion(13, "needs auth again", 0.38, true, null, null, SuggestionStatus.REJECTED);
    ReviewStats stats =
        new ReviewStats(
            List.of(new ReviewStats.Counts(SIGNATURE, 4, 1, 2, 1, 0, 2.0 / 3)),
            List.of(new ReviewStats.Counts("area:auth", 4, 1, 2, 1, 0, 2.0 / 3)),
            List.of(new ReviewStats.Counts(SIGNATURE, 3, 1, 1, 1, 0, 0.5)),
            List.of(new ReviewStats.SinceFit(SIGNATURE, LocalDate.of(2026, 12, 1), 12)));

    String page =
        new ReviewPage()
            .render(
                List.of(thin, suggested),
                List.of(rejected),
                stats,
                "form-token",
                "suggest",
                Optional.empty());

    assertMatchesGolden("review-page.html", page);
  }

  @Test
  void afterAButtonThePageSaysTheRequestIsQueuedAndShowsTheSuggestionAsItStillStands() {
    Suggestion suggested =
        suggestion(11, "MCP needs auth", 0.93, false, 60260, 5001L, SuggestionStatus.PENDING);

    String page =
        new ReviewPage()
            .render(
                List.of(suggested),
                List.of(),
                new ReviewStats(List.of(), List.of(), List.of(), List.of()),
                "form-token",
                "suggest",
                Optional.of(11L));

    assertThat(page)
        .contains("<p id=\"queued\">Your request about suggestion 11 is queued")
        .contains("id=\"accept-11\"");
  }

  private static Suggestion suggestion(
      int number,
      String title,
      double confidence,
      boolean needsLook,
      Integer duplicateOf,
      Long commentId,
      SuggestionStatus status) {
    boolean decided = status != SuggestionStatus.PENDING;
    return new Suggestion(
        number,
        new IssueRef(new RepositoryRef(0, REPO), number),
        title,
        "https://github.com/" + REPO + "/issues/" + number,
        "river-okafor",
        SIGNATURE,
        confidence,
        1.5,
        List.of(new Evidence("needs-auth", Evidence.Kind.SIGNAL, "title", "needs auth", 1.1)),
        duplicateOf,
        commentId,
        needsLook,
        status,
        decided ? "review page" : null,
        decided ? Instant.parse("2026-12-02T09:30:00Z") : null,
        decided ? "a different server" : null,
        Instant.parse("2026-12-02T08:00:00Z"),
        List.of(
            new Suggestion.Label("area:auth", false, status),
            new Suggestion.Label("area:mcp", false, status)));
  }
}
