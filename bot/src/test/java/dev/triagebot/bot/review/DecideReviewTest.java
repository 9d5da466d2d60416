package dev.triagebot.bot.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.triagebot.bot.issue.IssueRef;
import dev.triagebot.bot.issue.RepositoryRef;
import dev.triagebot.bot.triage.CatalogFiles;
import dev.triagebot.bot.triage.TriageComment;
import dev.triagebot.classifier.match.Evidence;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The review decision as pure code: a suggestion and a request in, a plan (or nothing) out. */
class DecideReviewTest {
  static final String REPO = "octo-org/triage-sandbox";
  static final DecideReview DECIDE =
      new DecideReview(CatalogFiles.load(null), TriageComment.fromClasspath());

  @Test
  void acceptingAddsOnlyTheLabelsTheBotHasNotAppliedAndCountsEveryLabelAccepted() {
    Suggestion suggestion =
        suggestion(SuggestionStatus.PENDING, false, "mcp-oauth-token-not-honored");

    ReviewPlan plan = DECIDE.accept(suggestion, "maint-lee").orElseThrow();

    assertThat(plan.status()).isEqualTo(SuggestionStatus.ACCEPTED);
    assertThat(plan.by()).isEqualTo("maint-lee");
    assertThat(plan.labelsToAdd()).containsExactly("area:auth");
    assertThat(plan.labelsToRemove()).isEmpty();
    assertThat(plan.comment()).isEmpty();
    assertThat(plan.labelOutcome()).contains(SuggestionStatus.ACCEPTED);
  }

  @Test
  void rejectingRemovesOnlyWhatTheBotAppliedAndSaysWhoInTheComment() {
    Suggestion suggestion =
        suggestion(SuggestionStatus.ACCEPTED, false, "mcp-oauth-token-not-honored");

    ReviewPlan plan =
        DECIDE
            .decide(
                suggestion,
                new ReviewRequest(
                    suggestion.id(),
                    suggestion.issue(),
                    ReviewRequest.Verb.REJECT,
                    "review page",
                    "a different server"))
            .orElseThrow();

    assertThat(plan.status()).isEqualTo(SuggestionStatus.REJECTED);
    assertThat(plan.reason()).isEqualTo("a different server");
    assertThat(plan.labelsToAdd()).isEmpty();
    assertThat(plan.labelsToRemove()).containsExactly("area:mcp");
    assertThat(plan.comment()).hasValueSatisfying(body -> assertThat(body).contains("review page"));
    assertThat(plan.labelOutcome()).contains(SuggestionStatus.REJECTED);
  }

  @Test
  void anObjectionLeavesTheLabelsAndOnlyRewritesTheComment() {
    Suggestion suggestion =
        suggestion(SuggestionStatus.PENDING, false, "mcp-oauth-token-not-honored");

    ReviewPlan plan = DECIDE.object(suggestion, "river-okafor", "a 👎").orElseThrow();

    assertThat(plan.status()).isEqualTo(SuggestionStatus.OBJECTED);
    assertThat(plan.labelsToAdd()).isEmpty();
    assertThat(plan.labelsToRemove()).isEmpty();
    assertThat(plan.comment()).isPresent();
    assertThat(plan.labelOutcome()).isEmpty();
  }

  @Test
  void aDecidedSuggestionLeavesNothingToDoForTheActionsItRulesOut() {
    assertThat(
            DECIDE.accept(
                suggestion(SuggestionStatus.REJECTED, false, "mcp-oauth-token-not-honored"), "x"))
        .isEmpty();
    assertThat(
            DECIDE.accept(
                suggestion(SuggestionStatus.ACCEPTED, false, "mcp-oauth-token-not-honored"), "x"))
        .isEmpty();
    assertThat(
            DECIDE.reject(
                suggestion(SuggestionStatus.SUPERSEDED, false, "mcp-oauth-token-not-honored"),
                "x",
                ""))
        .isEmpty();
    assertThat(
            DECIDE.object(
                suggestion(SuggestionStatus.ACCEPTED, false, "mcp-oauth-token-not-honored"),
                "x",
                ""))
        .isEmpty();
  }

  @Test
  void withdrawingAReportNeverShownOrASignatureGoneFromTheCatalogTouchesNoComment() {
    assertThat(
            DECIDE
                .reject(
                    suggestion(SuggestionStatus.PENDING, true, "mcp-oauth-token-not-honored"),
                    "x",
                    "")
                .orElseThrow()
                .comment())
        .isEmpty();
    ReviewPlan gone =
        DECIDE
            .reject(
                suggestion(SuggestionStatus.PENDING, false, "no-longer-in-the-catalog"), "x", "")
            .orElseThrow();
    assertThat(gone.comment()).isEmpty();
    assertThat(gone.labelsToRemove()).containsExactly("area:mcp");
  }

  private static Suggestion suggestion(
      SuggestionStatus status, boolean needsLook, String signature) {
    return new Suggestion(
        11,
        new IssueRef(new RepositoryRef(0, REPO), 7),
        "MCP needs auth",
        null,
        "river-okafor",
        signature,
        0.9,
        5.0,
        List.of(new Evidence("needs-auth", Evidence.Kind.SIGNAL, "title", "needs auth", 1.1)),
        60260,
        5001L,
        needsLook,
        status,
        null,
        null,
        null,
        Instant.parse("2026-12-02T08:00:00Z"),
        List.of(
            new Suggestion.Label("area:mcp", true, SuggestionStatus.PENDING),
            new Suggestion.Label("area:auth", false, SuggestionStatus.PENDING)));
  }
}
