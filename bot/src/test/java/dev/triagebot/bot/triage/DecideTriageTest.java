package dev.triagebot.bot.triage;

import static dev.triagebot.bot.triage.TriageFixtures.event;
import static dev.triagebot.bot.triage.TriageFixtures.issue;
import static dev.triagebot.bot.triage.TriageFixtures.match;
import static dev.triagebot.bot.triage.TriageFixtures.oauthSignature;
import static dev.triagebot.bot.triage.TriageFixtures.signature;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.triagebot.bot.issue.IssueSnapshot;
import dev.triagebot.classifier.catalog.Signature;
import dev.triagebot.classifier.match.SignatureMatch;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DecideTriageTest {
  static final TriageComment COMMENT = TriageComment.fromClasspath();

  static DecideTriage decide(TriageMode mode, double suggest, double apply) {
    return new DecideTriage(new TriagePolicy(mode, suggest, apply), COMMENT);
  }

  @Test
  void suggestModeSuggestsTheMissingLabelsAndAppliesNone() {
    // given an issue that already has one of the signature's labels, in another case
    IssueSnapshot issue = issue(101, List.of("Area:MCP", "bug"));

    // when
    TriagePlan plan =
        decide(TriageMode.SUGGEST, 0.5, 0.85)
            .decide(event("opened", issue), List.of(match(oauthSignature(), 0.95)));

    // then
    assertThat(plan.signatureId()).isEqualTo("mcp-oauth-token-not-honored");
    assertThat(plan.labelsToAdd()).isEmpty();
    assertThat(plan.labelsSuggested()).containsExactly("area:auth");
    assertThat(plan.duplicateOf()).isEqualTo(60260);
    assertThat(plan.comment().kind()).isEqualTo(CommentAction.Kind.CREATE_OR_UPDATE);
    assertThat(plan.comment().body())
        .startsWith("<!-- triage-bot:signature=mcp-oauth-token-not-honored -->\n")
        .contains("This looks like a duplicate of #60260")
        .contains("`area:auth`");
  }

  @Test
  void applyModeAppliesLabelsAtOrAboveTheApplyThreshold() {
    TriagePlan plan =
        decide(TriageMode.APPLY, 0.5, 0.85)
            .decide(event("opened", issue(102, List.of())), List.of(match(oauthSignature(), 0.9)));

    assertThat(plan.labelsToAdd()).containsExactly("area:mcp", "area:auth");
    assertThat(plan.labelsSuggested()).isEmpty();
  }

  @Test
  void applyModeOnlySuggestsBetweenTheSuggestAndApplyThresholds() {
    TriagePlan plan =
        decide(TriageMode.APPLY, 0.5, 0.85)
            .decide(event("opened", issue(103, List.of())), List.of(match(oauthSignature(), 0.7)));

    assertThat(plan.labelsToAdd()).isEmpty();
    assertThat(plan.labelsSuggested()).containsExactly("area:mcp", "area:auth");
  }

  @Test
  void theSignaturesOwnApplyThresholdWinsWhenItIsStricterThanTheGlobalOne() {
    // given a signature asking for 0.9 before labels are applied, and a global 0.85
    Signature strict = signature("strict-signature", 0.5, 0.9);

    TriagePlan plan =
        decide(TriageMode.APPLY, 0.5, 0.85)
            .decide(event("opened", issue(104, List.of())), List.of(match(strict, 0.87)));

    assertThat(plan.labelsToAdd()).isEmpty();
    assertThat(plan.labelsSuggested()).containsExactly("area:mcp", "area:auth");
  }

  @Test
  void theGlobalSuggestThresholdWinsWhenItIsStricterThanTheSignaturesOwn() {
    Signature lenient = signature("lenient-signature", 0.3, 0.9);

    TriagePlan plan =
        decide(TriageMode.SUGGEST, 0.6, 0.85)
            .decide(event("opened", issue(105, List.of())), List.of(match(lenient, 0.55)));

    assertThat(plan.signatureId()).isNull();
    assertThat(plan.comment().kind()).isEqualTo(CommentAction.Kind.NONE);
    assertThat(plan.matches())
        .extracting(MatchScore::signatureId)
        .containsExactly("lenient-signature");
  }

  @Test
  void theMostConfidentQualifyingMatchIsTheOneRecognised() {
    SignatureMatch weaker = match(signature("weaker", 0.5, 0.9), 0.6);
    SignatureMatch stronger = match(signature("stronger", 0.5, 0.9), 0.8);
    SignatureMatch notMatched =
        new SignatureMatch(signature("not-matched", 0.5, 0.9), 9, 0.99, false, List.of());

    TriagePlan plan =
        decide(TriageMode.SUGGEST, 0.5, 0.85)
            .decide(event("opened", issue(106, List.of())), List.of(weaker, notMatched, stronger));

    assertThat(plan.signatureId()).isEqualTo("stronger");
    assertThat(plan.matches())
        .extracting(MatchScore::signatureId)
        .containsExactly("weaker", "not-matched", "stronger");
  }

  @Test
  void aReportTooThinToDecideGetsNoCommentNoLabelAndIsMarkedForAMaintainersLook() {
    // given a score in the band just below the match threshold, and a weaker one
    SignatureMatch thin = new SignatureMatch(oauthSignature(), 1.2, 0.42, false, true, List.of());
    SignatureMatch thinner =
        new SignatureMatch(signature("other", 0.5, 0.9), 0.4, 0.31, false, true, List.of());

    // when
    TriagePlan plan =
        decide(TriageMode.APPLY, 0.5, 0.85)
            .decide(event("opened", issue(120, List.of())), List.of(thinner, thin));

    // then
    assertThat(plan.signatureId()).isNull();
    assertThat(plan.labelsToAdd()).isEmpty();
    assertThat(plan.labelsSuggested()).isEmpty();
    assertThat(plan.comment().kind()).isEqualTo(CommentAction.Kind.NONE);
    assertThat(plan.touchesGitHub()).isFalse();
    assertThat(plan.needsLook())
        .map(MatchScore::signatureId)
        .contains("mcp-oauth-token-not-honored");
  }

  @Test
  void anEditedReportThatBecameTooThinStillLosesItsStaleComment() {
    SignatureMatch thin = new SignatureMatch(oauthSignature(), 1.2, 0.42, false, true, List.of());

    TriagePlan plan =
        decide(TriageMode.SUGGEST, 0.5, 0.85)
            .decide(event("edited", issue(121, List.of())), List.of(thin));

    assertThat(plan.comment().kind()).isEqualTo(CommentAction.Kind.DELETE);
    assertThat(plan.needsLook()).isPresent();
  }

  @Test
  void aRecognisedOrSkippedIssueNeedsNoLook() {
    SignatureMatch thin =
        new SignatureMatch(signature("other", 0.5, 0.9), 0.4, 0.31, false, true, List.of());
    IssueSnapshot closed = issue(122, List.of());
    closed =
        new IssueSnapshot(
            closed.installationId(),
            closed.repository(),
            closed.number(),
            closed.title(),
            closed.body(),
            closed.labels(),
            closed.author(),
            closed.authorIsBot(),
            closed.pullRequest(),
            "closed",
            closed.htmlUrl());

    DecideTriage decision = decide(TriageMode.SUGGEST, 0.5, 0.85);
    assertThat(
            decision
                .decide(
                    event("opened", issue(123, List.of())),
                    List.of(thin, match(oauthSignature(), 0.9)))
                .needsLook())
        .isEmpty();
    assertThat(decision.decide(event("opened", closed), List.of(thin)).needsLook()).isEmpty();
  }

  @Test
  void theCanonicalIssueItselfIsNeverCalledADuplicateOfItself() {
    TriagePlan plan =
        decide(TriageMode.SUGGEST, 0.5, 0.85)
            .decide(
                event("opened", issue(60260, List.of())), List.of(match(oauthSignature(), 0.9)));

    assertThat(plan.duplicateOf()).isNull();
    assertThat(plan.comment().body()).doesNotContain("duplicate");
  }

  @Test
  void pullRequestsAreSkipped() {
    IssueSnapshot pr = withFlags(issue(107, List.of()), false, true, "open");

    TriagePlan plan =
        decide(TriageMode.APPLY, 0.5, 0.85)
            .decide(event("opened", pr), List.of(match(oauthSignature(), 0.99)));

    assertThat(plan.skipReason()).isEqualTo("a pull request");
    assertThat(plan.touchesGitHub()).isFalse();
  }

  @Test
  void issuesOpenedByBotsAreSkipped() {
    IssueSnapshot byBot = withFlags(issue(108, List.of()), true, false, "open");

    TriagePlan plan =
        decide(TriageMode.APPLY, 0.5, 0.85)
            .decide(event("opened", byBot), List.of(match(oauthSignature(), 0.99)));

    assertThat(plan.skipReason()).isEqualTo("opened by a bot");
    assertThat(plan.touchesGitHub()).isFalse();
  }

  @Test
  void anOpenedIssueThatMatchesNothingLeavesCommentsAlone() {
    TriagePlan plan =
        decide(TriageMode.SUGGEST, 0.5, 0.85)
            .decide(event("opened", issue(109, List.of())), List.of());

    assertThat(plan.comment()).isEqualTo(CommentAction.none());
    assertThat(plan.touchesGitHub()).isFalse();
  }

  @Test
  void anEditedIssueThatNoLongerMatchesDeletesOurComment() {
    TriagePlan plan =
        decide(TriageMode.SUGGEST, 0.5, 0.85)
            .decide(event("edited", issue(110, List.of())), List.of());

    assertThat(plan.comment()).isEqualTo(CommentAction.delete());
    assertThat(plan.labelsToAdd()).isEmpty();
  }

  @Test
  void dryRunPlansWhatSuggestModeWouldDo() {
    IssueEvent opened = event("opened", issue(111, List.of()));
    List<SignatureMatch> matches = List.of(match(oauthSignature(), 0.99));

    TriagePlan dryRun = decide(TriageMode.DRY_RUN, 0.5, 0.85).decide(opened, matches);
    TriagePlan suggest = decide(TriageMode.SUGGEST, 0.5, 0.85).decide(opened, matches);

    assertThat(dryRun).isEqualTo(suggest);
  }

  @Test
  void anEditHoldsBackTheSignatureAMaintainerRejectedButARerunOrAnotherSignatureGoesAhead() {
    List<SignatureMatch> matches = List.of(match(oauthSignature(), 0.95));
    IssueSnapshot issue = issue(130, List.of());
    Optional<PriorVerdict> rejected =
        Optional.of(new PriorVerdict("mcp-oauth-token-not-honored", PriorVerdict.Outcome.REJECTED));
    DecideTriage decision = decide(TriageMode.SUGGEST, 0.5, 0.85);

    TriagePlan edited =
        decision.decide(
            new TriageFacts(event("edited", issue), matches, HistoryHints.NONE, rejected));
    TriagePlan rerun =
        decision.decide(
            new TriageFacts(event(IssueEvent.RERUN, issue), matches, HistoryHints.NONE, rejected));
    TriagePlan otherWithdrawn =
        decision.decide(
            new TriageFacts(
                event("edited", issue),
                matches,
                HistoryHints.NONE,
                Optional.of(new PriorVerdict("another-signature", PriorVerdict.Outcome.OBJECTED))));
    TriagePlan stillPending =
        decision.decide(
            new TriageFacts(
                event("reopened", issue),
                matches,
                HistoryHints.NONE,
                Optional.of(
                    new PriorVerdict(
                        "mcp-oauth-token-not-honored", PriorVerdict.Outcome.PENDING))));

    assertThat(edited.skipReason())
        .isEqualTo(
            "its suggestion of mcp-oauth-token-not-honored was rejected; a maintainer's /triage"
                + " rerun classifies it again");
    assertThat(edited.touchesGitHub()).isFalse();
    assertThat(rerun.signatureId()).isEqualTo("mcp-oauth-token-not-honored");
    assertThat(otherWithdrawn.signatureId()).isEqualTo("mcp-oauth-token-not-honored");
    assertThat(stillPending.signatureId()).isEqualTo("mcp-oauth-token-not-honored");
  }

  @Test
  void anApplyThresholdBelowTheSuggestThresholdIsRefused() {
    assertThatThrownBy(() -> new TriagePolicy(TriageMode.APPLY, 0.8, 0.6))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("triage.thresholds.apply");
  }

  static IssueSnapshot withFlags(
      IssueSnapshot issue, boolean authorIsBot, boolean pullRequest, String state) {
    return new IssueSnapshot(
        issue.installationId(),
        issue.repository(),
        issue.number(),
        issue.title(),
        issue.body(),
        issue.labels(),
        issue.author(),
        authorIsBot,
        pullRequest,
        state,
        issue.htmlUrl());
  }
}
