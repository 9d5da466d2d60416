package dev.triagebot.bot.triage;

import static dev.triagebot.bot.triage.TriageFixtures.INSTALLATION;
import static dev.triagebot.bot.triage.TriageFixtures.REPOSITORY;
import static dev.triagebot.bot.triage.TriageFixtures.event;
import static dev.triagebot.bot.triage.TriageFixtures.issue;
import static dev.triagebot.bot.triage.TriageFixtures.match;
import static dev.triagebot.bot.triage.TriageFixtures.oauthSignature;
import static org.assertj.core.api.Assertions.assertThat;

import dev.triagebot.bot.issue.IssueSnapshot;
import dev.triagebot.classifier.match.SignatureMatch;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What a repository's configuration does to the decision: it narrows, and never widens. */
class DecideTriageWithRepositoryPolicyTest {
  static final String FILE = REPOSITORY + "/.github/triage-bot.yml";
  static final List<SignatureMatch> CONFIDENT = List.of(match(oauthSignature(), 0.95));

  static RepositoryPolicy policy(TriageMode mode, Double suggest, Double apply) {
    return new RepositoryPolicy(
        FILE, true, mode, Set.of(), Map.of(), suggest, apply, Set.of(), Set.of());
  }

  static TriageFacts facts(
      IssueEvent event,
      List<SignatureMatch> matches,
      HistoryHints history,
      RepositoryPolicy repository) {
    return new TriageFacts(event, matches, history, Optional.empty(), repository);
  }

  static TriagePlan decide(TriageMode deployment, RepositoryPolicy repository, double confidence) {
    return new DecideTriage(new TriagePolicy(deployment, 0.5, 0.85), DecideTriageTest.COMMENT)
        .decide(
            facts(
                event("opened", issue(201, List.of())),
                List.of(match(oauthSignature(), confidence)),
                HistoryHints.NONE,
                repository));
  }

  @Test
  void aRepositoryAskingForSuggestGetsSuggestionsFromAnApplyDeployment() {
    TriagePlan plan = decide(TriageMode.APPLY, policy(TriageMode.SUGGEST, null, null), 0.95);

    assertThat(plan.labelsToAdd()).isEmpty();
    assertThat(plan.labelsSuggested()).containsExactly("area:mcp", "area:auth");
  }

  @ParameterizedTest
  @EnumSource(TriageMode.class)
  void aRepositoryAskingForApplyNeverGetsMoreThanTheDeploymentAllows(TriageMode deployment) {
    DecideTriage decide =
        new DecideTriage(new TriagePolicy(deployment, 0.5, 0.85), DecideTriageTest.COMMENT);
    RepositoryPolicy wantsApply = policy(TriageMode.APPLY, null, null);

    TriagePlan plan =
        decide.decide(
            facts(
                event("opened", issue(202, List.of())), CONFIDENT, HistoryHints.NONE, wantsApply));

    assertThat(decide.mode(wantsApply)).isEqualTo(deployment);
    assertThat(plan.labelsToAdd().isEmpty()).isEqualTo(deployment != TriageMode.APPLY);
  }

  @Test
  void aRepositoryAskingForDryRunIsCarriedOutInDryRun() {
    DecideTriage decide =
        new DecideTriage(new TriagePolicy(TriageMode.APPLY, 0.5, 0.85), DecideTriageTest.COMMENT);

    assertThat(decide.mode(policy(TriageMode.DRY_RUN, null, null))).isEqualTo(TriageMode.DRY_RUN);
    assertThat(decide.mode(RepositoryPolicy.DEFAULTS)).isEqualTo(TriageMode.APPLY);
  }

  @Test
  void higherThresholdsHoldBackWhatTheDeploymentWouldHaveDone() {
    // suggest raised above the match: nothing recognised
    TriagePlan unrecognised = decide(TriageMode.APPLY, policy(null, 0.97, null), 0.95);
    // apply raised above the match: suggested, not applied
    TriagePlan suggested = decide(TriageMode.APPLY, policy(null, null, 0.97), 0.95);

    assertThat(unrecognised.signatureId()).isNull();
    assertThat(unrecognised.comment().kind()).isEqualTo(CommentAction.Kind.NONE);
    assertThat(suggested.labelsToAdd()).isEmpty();
    assertThat(suggested.labelsSuggested()).containsExactly("area:mcp", "area:auth");
  }

  @Test
  void lowerThresholdsChangeNothing() {
    // the deployment's suggest floor is 0.5 and the signature's match threshold 0.5, apply 0.9
    TriagePlan belowFloors = decide(TriageMode.APPLY, policy(null, 0.1, 0.2), 0.45);
    TriagePlan belowApply = decide(TriageMode.APPLY, policy(null, 0.1, 0.2), 0.87);

    assertThat(belowFloors.signatureId()).isNull();
    assertThat(belowApply.labelsToAdd()).isEmpty();
    assertThat(belowApply.labelsSuggested()).containsExactly("area:mcp", "area:auth");
  }

  @Test
  void aSuggestFloorAboveTheDeploymentsApplyFloorAlsoRaisesTheApplyFloor() {
    TriagePolicy narrowed =
        new TriagePolicy(TriageMode.APPLY, 0.5, 0.85).within(policy(null, 0.92, null));

    assertThat(narrowed.suggestThreshold()).isEqualTo(0.92);
    assertThat(narrowed.applyThreshold()).isEqualTo(0.92);
  }

  @Test
  void renamedLabelsAreSuggestedAndAppliedUnderTheRepositorysNames() {
    RepositoryPolicy renames =
        new RepositoryPolicy(
            FILE, true, null, Set.of(), Map.of("AREA:MCP", "mcp"), null, null, Set.of(), Set.of());

    TriagePlan plan = decide(TriageMode.APPLY, renames, 0.95);

    assertThat(plan.labelsToAdd()).containsExactly("mcp", "area:auth");
    assertThat(plan.comment().body()).contains("`mcp`").doesNotContain("`area:mcp`");
  }

  @Test
  void aSignatureTurnedOffIsNeverRecognised() {
    RepositoryPolicy off =
        new RepositoryPolicy(
            FILE,
            true,
            null,
            Set.of("mcp-oauth-token-not-honored"),
            Map.of(),
            null,
            null,
            Set.of(),
            Set.of());

    TriagePlan plan = decide(TriageMode.APPLY, off, 0.99);

    assertThat(plan.signatureId()).isNull();
    assertThat(plan.touchesGitHub()).isFalse();
  }

  @Test
  void skippedAuthorsAssociationsAndDisabledRepositoriesAreLeftAlone() {
    DecideTriage decide =
        new DecideTriage(new TriagePolicy(TriageMode.APPLY, 0.5, 0.85), DecideTriageTest.COMMENT);
    IssueSnapshot byOwner = byAuthor("Octo-Owner", "OWNER");
    IssueSnapshot byOutsider = byAuthor("someone", "NONE");
    RepositoryPolicy skips =
        new RepositoryPolicy(
            FILE,
            true,
            null,
            Set.of(),
            Map.of(),
            null,
            null,
            Set.of("release-captain"),
            Set.of("OWNER"));
    RepositoryPolicy disabled =
        new RepositoryPolicy(FILE, false, null, Set.of(), Map.of(), null, null, Set.of(), Set.of());

    TriagePlan owners =
        decide.decide(facts(event("opened", byOwner), CONFIDENT, HistoryHints.NONE, skips));
    TriagePlan captains =
        decide.decide(
            facts(
                event("opened", byAuthor("Release-Captain", "MEMBER")),
                CONFIDENT,
                HistoryHints.NONE,
                skips));
    TriagePlan outsiders =
        decide.decide(facts(event("opened", byOutsider), CONFIDENT, HistoryHints.NONE, skips));
    TriagePlan off =
        decide.decide(facts(event("opened", byOutsider), CONFIDENT, HistoryHints.NONE, disabled));

    assertThat(owners.skipReason()).isEqualTo("author association OWNER is skipped by " + FILE);
    assertThat(captains.skipReason()).isEqualTo("author Release-Captain is skipped by " + FILE);
    assertThat(outsiders.skipped()).isFalse();
    assertThat(outsiders.labelsToAdd()).containsExactly("area:mcp", "area:auth");
    assertThat(off.skipReason()).isEqualTo("disabled by " + FILE);
    assertThat(decide.recognise(event("opened", byOwner), CONFIDENT, skips)).isEmpty();
  }

  private static IssueSnapshot byAuthor(String login, String association) {
    IssueSnapshot base = issue(203, List.of());
    return new IssueSnapshot(
        INSTALLATION,
        REPOSITORY,
        base.number(),
        base.title(),
        base.body(),
        base.labels(),
        login,
        false,
        false,
        "open",
        base.htmlUrl(),
        null,
        association);
  }
}
