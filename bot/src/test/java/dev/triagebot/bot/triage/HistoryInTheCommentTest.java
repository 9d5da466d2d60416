package dev.triagebot.bot.triage;

import static dev.triagebot.bot.triage.TriageFixtures.event;
import static dev.triagebot.bot.triage.TriageFixtures.match;
import static dev.triagebot.bot.triage.TriageFixtures.oauthSignature;
import static org.assertj.core.api.Assertions.assertThat;

import dev.triagebot.bot.index.IndexedHistory;
import dev.triagebot.bot.index.RepositoryIndexes;
import dev.triagebot.bot.issue.IssueSnapshot;
import dev.triagebot.classifier.match.SignatureMatch;
import dev.triagebot.classifier.similar.DuplicateLink;
import dev.triagebot.classifier.similar.IndexedIssue;
import dev.triagebot.classifier.similar.IndexedIssue.State;
import dev.triagebot.classifier.similar.IndexedIssue.StateReason;
import dev.triagebot.classifier.similar.LabelSuggestion;
import dev.triagebot.classifier.similar.SignatureCanonical;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A recognised issue's one comment with what the repository's history adds: the canonical issue
 * first, then related issues with their reasons, and label suggestions naming their voters.
 */
class HistoryInTheCommentTest {
  private static final String TEXT =
      "Authentication successful, but the MCP server still shows needs auth. The remote MCP"
          + " server `linear` never lists tools after the OAuth login in the browser completes.";
  private static final int SELF = 61000;

  @TempDir Path dataDir;
  private RepositoryIndexes indexes;

  @BeforeEach
  void history() {
    indexes = new RepositoryIndexes(dataDir);
    indexes
        .forRepository(TriageFixtures.issue(SELF, List.of()).repository())
        .rebuild(
            List.of(
                issue(60260, State.OPEN, null, null, "area:mcp", "area:auth", "area:remote"),
                // the issue itself, already indexed by its opened event
                issue(SELF, State.OPEN, null, null),
                // a duplicate whose root is an open issue: the root is linked
                issue(60300, State.CLOSED, StateReason.DUPLICATE, 60301, "area:mcp", "area:remote"),
                issue(
                    60301,
                    State.OPEN,
                    null,
                    null,
                    "area:mcp",
                    "area:auth",
                    "area:legacy",
                    "area:remote"),
                // declined: never linked
                issue(60310, State.CLOSED, StateReason.NOT_PLANNED, null, "area:mcp"),
                // a loop of duplicates: never linked
                issue(60320, State.CLOSED, StateReason.DUPLICATE, 60321, "area:mcp", "area:remote"),
                issue(60321, State.CLOSED, StateReason.DUPLICATE, 60320, "area:mcp"),
                issue(
                    60330, State.CLOSED, StateReason.COMPLETED, null, "area:auth", "area:legacy")));
  }

  @AfterEach
  void close() {
    indexes.close();
  }

  @Test
  void theCommentLinksTheCanonicalIssueThenRelatedRootsAndSuggestsVotedLabels() throws Exception {
    IssueSnapshot issue = snapshot();
    // the repository no longer has area:legacy
    IssueHistory history =
        new IndexedHistory(
            indexes, repository -> Set.of("area:mcp", "area:auth", "area:remote", "bug"));

    HistoryHints hints =
        history.hints(issue, new SignatureCanonical("mcp-oauth-token-not-honored", 60260));
    TriagePlan plan =
        decideWith(event("opened", issue), List.of(match(oauthSignature(), 0.93)), hints);

    assertThat(plan.duplicateOf()).isEqualTo(60260);
    List<Integer> linked = hints.links().stream().map(DuplicateLink::number).toList();
    assertThat(linked).first().isEqualTo(60260);
    assertThat(linked).contains(60301).doesNotContain(SELF, 60300, 60310, 60320, 60321);
    assertThat(plan.related())
        .extracting(DuplicateLink::number)
        .contains(60301)
        .hasSizeLessThanOrEqualTo(3);
    assertThat(hints.labels()).extracting(LabelSuggestion::label).doesNotContain("area:legacy");
    assertThat(plan.historyLabels())
        .extracting(LabelSuggestion::label)
        .containsExactly("area:remote");
    assertThat(plan.labelsToAdd()).isEmpty();
    assertThat(plan.comment().kind()).isEqualTo(CommentAction.Kind.CREATE_OR_UPDATE);
    TriageCommentGoldenTest.assertMatchesGolden("comment-history.md", plan.comment().body());
  }

  @Test
  void labelsTheSignatureAlreadySuggestsAreNotSuggestedTwice() {
    IssueSnapshot issue = snapshot();
    IssueHistory history =
        new IndexedHistory(indexes, repository -> Set.of("area:mcp", "area:auth"));

    TriagePlan plan =
        decideWith(
            event("opened", issue),
            List.of(match(oauthSignature(), 0.93)),
            history.hints(issue, new SignatureCanonical("mcp-oauth-token-not-honored", 60260)));

    assertThat(plan.labelsSuggested()).containsExactlyInAnyOrder("area:mcp", "area:auth");
    assertThat(plan.historyLabels()).isEmpty();
  }

  @Test
  void aCanonicalIssueClosedAsNotPlannedIsNeverOfferedAsTheOneToFollow() {
    indexes
        .forRepository(snapshot().repository())
        .upsert(issue(60260, State.CLOSED, StateReason.NOT_PLANNED, null, "area:mcp"));
    IssueSnapshot issue = snapshot();

    TriagePlan plan =
        decideWith(
            event("opened", issue),
            List.of(match(oauthSignature(), 0.93)),
            new IndexedHistory(indexes, repository -> Set.of())
                .hints(issue, new SignatureCanonical("mcp-oauth-token-not-honored", 60260)));

    assertThat(plan.duplicateOf()).isNull();
    assertThat(plan.related()).extracting(DuplicateLink::number).doesNotContain(60260);
    assertThat(plan.comment().body()).doesNotContain("#60260");
  }

  private static DecideTriage decide() {
    return new DecideTriage(
        new TriagePolicy(TriageMode.SUGGEST, 0, 0), TriageComment.fromClasspath());
  }

  private static IssueSnapshot snapshot() {
    IssueSnapshot fixture = TriageFixtures.issue(SELF, List.of());
    return new IssueSnapshot(
        fixture.installationId(),
        fixture.repository(),
        SELF,
        "Remote MCP server still needs auth after OAuth login",
        TEXT,
        List.of(),
        "reporter",
        false,
        false,
        "open",
        fixture.htmlUrl());
  }

  private static IndexedIssue issue(
      int number, State state, StateReason reason, Integer duplicateOf, String... labels) {
    return new IndexedIssue(
        number,
        "Remote MCP server still needs auth after OAuth login (" + number + ")",
        TEXT,
        state,
        reason,
        List.of(labels),
        "NONE",
        null,
        null,
        duplicateOf);
  }

  private static TriagePlan decideWith(
      IssueEvent event, List<SignatureMatch> matches, HistoryHints hints) {
    return decide().decide(new TriageFacts(event, matches, hints, Optional.empty()));
  }
}
