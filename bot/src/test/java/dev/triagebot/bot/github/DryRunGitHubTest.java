package dev.triagebot.bot.github;

import static dev.triagebot.bot.github.FakeGitHub.issuePath;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.triagebot.bot.issue.IssueRef;
import dev.triagebot.bot.issue.RepositoryRef;
import dev.triagebot.bot.queue.MutableClock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Dry-run as a decorator: reads reach GitHub, writes are recorded and never sent. */
class DryRunGitHubTest {
  static final String REPO = "octo-org/triage-sandbox";
  static final IssueRef ISSUE = new IssueRef(new RepositoryRef(0, REPO), 7);

  FakeGitHub github;
  DryRunGitHub dryRun;

  @BeforeEach
  void startFakeGitHub() {
    github = new FakeGitHub();
    dryRun =
        new DryRunGitHub(
            GitHubRestOperations.withToken(
                github.apiUrl(),
                "ghp_test_token",
                new MutableClock(Instant.parse("2026-05-04T10:00:00Z"))));
  }

  @AfterEach
  void stopFakeGitHub() {
    github.close();
  }

  @Test
  void everyWriteIsRecordedInOrderAndNoneReachesGitHub() {
    dryRun.addLabels(ISSUE, List.of("area:mcp"));
    IssueComment posted = dryRun.createComment(ISSUE, "hello");
    dryRun.updateComment(ISSUE, 77, "hello again");
    dryRun.deleteComment(ISSUE, 77);
    dryRun.removeLabel(ISSUE, "kind/bug");
    dryRun.react(ISSUE, 9001, Reaction.THUMBS_UP);

    assertThat(github.requests()).isEmpty();
    assertThat(posted.id()).isEqualTo(DryRunGitHub.NOT_POSTED);
    assertThat(dryRun.recorded())
        .extracting(DryRunGitHub.Write::toString)
        .containsExactly(
            REPO + "#7: add labels [area:mcp]",
            REPO + "#7: post a comment:\nhello",
            REPO + "#7: update comment 77 to:\nhello again",
            REPO + "#7: delete comment 77",
            REPO + "#7: remove label kind/bug",
            REPO + "#7: react +1 to comment 9001");
  }

  @Test
  void readsGoToGitHubSoTheDryRunSeesTheIssueAsItIs() {
    github
        .hasLabels(REPO, "area:mcp")
        .hasComments(REPO, 7, new IssueComment(5001, "ours", FakeGitHub.BOT_LOGIN));

    assertThat(dryRun.repositoryLabels(ISSUE.repository())).containsExactly("area:mcp");
    assertThat(dryRun.comments(ISSUE))
        .containsExactly(new IssueComment(5001, "ours", FakeGitHub.BOT_LOGIN));
    assertThat(github.requests())
        .containsExactly(
            "GET /repos/" + REPO + "/labels?per_page=100",
            "GET " + issuePath(REPO, 7) + "/comments?per_page=100");
    assertThat(dryRun.recorded()).isEmpty();
  }

  @Test
  void onlyTheLatestWritesAreKeptSoALongDryRunDoesNotGrowWithoutBound() {
    for (int i = 1; i <= DryRunGitHub.KEPT + 5; i++) {
      dryRun.react(ISSUE, i, Reaction.THUMBS_UP);
    }

    List<DryRunGitHub.Write> kept = dryRun.recorded();
    assertThat(kept).hasSize(DryRunGitHub.KEPT);
    assertThat(kept.get(0).action()).isEqualTo("react +1 to comment 6");
    assertThat(kept.get(kept.size() - 1).action())
        .isEqualTo("react +1 to comment " + (DryRunGitHub.KEPT + 5));
  }

  @Test
  void withoutCredentialsReadsSeeAFreshRepositoryAndAWriteThatSlippedThroughIsRefused() {
    DryRunGitHub offline = new DryRunGitHub(new UnconnectedGitHub());

    assertThat(offline.repositoryLabels(ISSUE.repository())).isEmpty();
    assertThat(offline.comments(ISSUE)).isEmpty();
    offline.createComment(ISSUE, "hello");
    assertThat(offline.recorded()).hasSize(1);
    assertThatThrownBy(() -> new UnconnectedGitHub().createComment(ISSUE, "hello"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no GitHub credentials");
  }
}
