package dev.triagebot.bot.triage;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static dev.triagebot.bot.github.FakeGitHub.issuePath;
import static dev.triagebot.bot.triage.TriageFixtures.REPOSITORY;
import static dev.triagebot.bot.triage.TriageFixtures.event;
import static dev.triagebot.bot.triage.TriageFixtures.issue;
import static dev.triagebot.bot.triage.TriageFixtures.match;
import static dev.triagebot.bot.triage.TriageFixtures.oauthSignature;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.triagebot.bot.github.DryRunGitHub;
import dev.triagebot.bot.github.FakeGitHub;
import dev.triagebot.bot.github.GitHubOperations;
import dev.triagebot.bot.github.GitHubRestOperations;
import dev.triagebot.bot.github.GitHubUnavailableException;
import dev.triagebot.bot.github.IssueComment;
import dev.triagebot.bot.issue.IssueSnapshot;
import dev.triagebot.bot.queue.MutableClock;
import dev.triagebot.classifier.match.SignatureMatch;
import dev.triagebot.classifier.text.IssueText;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Triage end to end behind the queue's seam: given a fake GitHub on loopback, when an issue event
 * is triaged, then exactly these requests reach GitHub, and no others.
 */
class TriageIssueTest {
  static final Instant NOW = Instant.parse("2026-05-04T10:00:00Z");
  static final int NUMBER = 7;
  static final String ISSUE_PATH = issuePath(REPOSITORY, NUMBER);
  static final String COMMENTS = ISSUE_PATH + "/comments";
  static final String GET_LABELS = "GET /repos/" + REPOSITORY + "/labels?per_page=100";
  static final String GET_ISSUE = "GET " + ISSUE_PATH;
  static final String LIST_COMMENTS = "GET " + COMMENTS + "?per_page=100";
  static final String OUR_OLD_BODY =
      "<!-- triage-bot:signature=mcp-oauth-token-not-honored -->\nan older wording";

  FakeGitHub github;
  MutableClock clock;
  TriageAudit audit;
  DryRunGitHub dryRun;

  @BeforeEach
  void startFakeGitHub() {
    github = new FakeGitHub();
    clock = new MutableClock(NOW);
    audit = new TriageAudit(AuditDatabase.h2(), clock);
  }

  @AfterEach
  void stopFakeGitHub() {
    github.close();
  }

  @Test
  void aNewMatchAddsTheLabelsTheRepositoryHasAndPostsOneComment() {
    // given a repository that defines area:mcp but not area:auth
    github
        .hasIssue(REPOSITORY, NUMBER)
        .hasLabels(REPOSITORY, "bug", "area:mcp")
        .hasComments(REPOSITORY, NUMBER, new IssueComment(11, "same here", "someone"))
        .acceptsLabels(REPOSITORY, NUMBER)
        .acceptsNewComment(REPOSITORY, NUMBER, 901);

    // when
    triage(TriageMode.APPLY, matching()).triage(event("opened", issue(NUMBER, List.of("bug"))));

    // then
    assertThat(github.requests())
        .containsExactly(
            GET_LABELS,
            GET_ISSUE,
            "POST " + ISSUE_PATH + "/labels",
            LIST_COMMENTS,
            "POST " + COMMENTS);
    assertThat(github.unmatched()).isEmpty();
    assertThat(github.received("POST", ISSUE_PATH + "/labels").get(0).getBodyAsString())
        .isEqualTo("{\"labels\":[\"area:mcp\"]}");
    assertThat(github.received("POST", COMMENTS).get(0).getBodyAsString())
        .contains("triage-bot:signature=mcp-oauth-token-not-honored")
        .contains("This looks like a duplicate of #60260");
    TriageAudit.Entry audited = onlyAuditEntry();
    assertThat(audited.outcome()).isEqualTo("DONE");
    assertThat(audited.executed())
        .contains("\"labelsAdded\":[\"area:mcp\"]")
        .contains("\"labelsNotInRepository\":[\"area:auth\"]")
        .contains("\"comment\":\"CREATED\"");
  }

  @Test
  void labelsMissingFromTheRepositoryAreNeitherAddedNorCreated() {
    github
        .hasIssue(REPOSITORY, NUMBER)
        .hasLabels(REPOSITORY, "bug", "documentation")
        .hasComments(REPOSITORY, NUMBER)
        .acceptsNewComment(REPOSITORY, NUMBER, 902);

    triage(TriageMode.APPLY, matching()).triage(event("opened", issue(NUMBER, List.of())));

    assertThat(github.requests()).containsExactly(GET_LABELS, LIST_COMMENTS, "POST " + COMMENTS);
    assertThat(onlyAuditEntry().executed())
        .contains("\"labelsAdded\":[]")
        .contains("\"labelsNotInRepository\":[\"area:mcp\",\"area:auth\"]");
  }

  @Test
  void anEditedIssueUpdatesTheExistingCommentInsteadOfPostingAgain() {
    github
        .hasIssue(REPOSITORY, NUMBER)
        .hasComments(
            REPOSITORY,
            NUMBER,
            new IssueComment(11, "same here", "someone"),
            new IssueComment(77, OUR_OLD_BODY, FakeGitHub.BOT_LOGIN))
        .acceptsCommentUpdate(REPOSITORY, NUMBER, 77);

    triage(TriageMode.SUGGEST, matching()).triage(event("edited", issue(NUMBER, List.of())));

    assertThat(github.requests())
        .containsExactly(
            LIST_COMMENTS, "GET /user", "PATCH /repos/" + REPOSITORY + "/issues/comments/77");
    assertThat(
            github
                .received("PATCH", "/repos/" + REPOSITORY + "/issues/comments/77")
                .get(0)
                .getBodyAsString())
        .contains("Suggested labels, for a maintainer to apply: `area:mcp`, `area:auth`");
    assertThat(onlyAuditEntry().executed())
        .contains("\"comment\":\"UPDATED\"")
        .contains("\"commentId\":77");
  }

  @Test
  void anEditAfterWhichTheIssueNoLongerMatchesRemovesOurComment() {
    github
        .hasIssue(REPOSITORY, NUMBER)
        .hasComments(
            REPOSITORY,
            NUMBER,
            new IssueComment(77, OUR_OLD_BODY, FakeGitHub.BOT_LOGIN),
            new IssueComment(78, "thanks, that was it", "reporter"))
        .acceptsCommentDelete(REPOSITORY, 77);

    triage(TriageMode.SUGGEST, nothingMatches()).triage(event("edited", issue(NUMBER, List.of())));

    assertThat(github.requests())
        .containsExactly(
            LIST_COMMENTS, "GET /user", "DELETE /repos/" + REPOSITORY + "/issues/comments/77");
    assertThat(onlyAuditEntry().executed()).contains("\"comment\":\"DELETED\"");
  }

  @Test
  void dryRunReadsButWritesNothingEvenWithCredentialsConfiguredAndRecordsWhatItWouldWrite() {
    github.hasComments(REPOSITORY, NUMBER);

    triage(TriageMode.DRY_RUN, matching()).triage(event("opened", issue(NUMBER, List.of())));
    List<DryRunGitHub.Write> whenOpened = dryRun.recorded();
    triage(TriageMode.DRY_RUN, nothingMatches()).triage(event("edited", issue(NUMBER, List.of())));
    List<DryRunGitHub.Write> whenEdited = dryRun.recorded();

    // reads only: the comments, to know whether ours would be created or updated
    assertThat(github.requests()).containsExactly(LIST_COMMENTS, LIST_COMMENTS);
    assertThat(github.unmatched()).isEmpty();
    List<TriageAudit.Entry> audited = audit.forIssue(REPOSITORY, NUMBER);
    assertThat(audited)
        .extracting(TriageAudit.Entry::outcome)
        .containsExactly("DRY_RUN", "DRY_RUN");
    assertThat(audited.get(0).plan()).contains("\"kind\":\"CREATE_OR_UPDATE\"");
    assertThat(audited.get(1).plan()).contains("\"kind\":\"DELETE\"");
    // what it would have done: post the comment; the edit finds no comment of ours to delete
    assertThat(whenOpened).hasSize(1);
    assertThat(whenOpened.get(0).action())
        .startsWith("post a comment:\n<!-- triage-bot:signature=mcp-oauth-token-not-honored");
    assertThat(whenEdited).isEmpty();
  }

  @Test
  void gitHubAnswering500AndThenSuccessPostsTheCommentOnce() {
    // given GitHub failing the first comment, then taking the second
    github.hasComments(REPOSITORY, NUMBER);
    github
        .server()
        .stubFor(
            post(urlPathEqualTo(COMMENTS))
                .inScenario("flaky")
                .whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(500).withBody("{\"message\":\"Server Error\"}"))
                .willSetStateTo("recovered"));
    github
        .server()
        .stubFor(
            post(urlPathEqualTo(COMMENTS))
                .inScenario("flaky")
                .whenScenarioStateIs("recovered")
                .willReturn(
                    FakeGitHub.json(
                        201,
                        FakeGitHub.comment(
                            REPOSITORY,
                            NUMBER,
                            new IssueComment(903, "(created)", FakeGitHub.BOT_LOGIN)))));
    IssueTriage triage = triage(TriageMode.SUGGEST, matching());
    IssueEvent opened = event("opened", issue(NUMBER, List.of()));

    // when the queue runs the job, sees it fail, and runs it again
    GitHubUnavailableException failure =
        catchThrowableOfType(GitHubUnavailableException.class, () -> triage.triage(opened));
    triage.triage(opened);

    // then
    assertThat(failure.retryNotBefore()).isEmpty();
    github.server().verify(exactly(2), postRequestedFor(urlPathEqualTo(COMMENTS)));
    assertThat(github.writes()).containsExactly("POST " + COMMENTS, "POST " + COMMENTS);
    assertThat(audit.forIssue(REPOSITORY, NUMBER))
        .extracting(TriageAudit.Entry::outcome)
        .containsExactly("FAILED", "DONE");
  }

  @Test
  void aRerunAfterTheCommentWasPostedFindsItAndPostsNothing() {
    // given GitHub that lists our comment once it has been created
    IssueTriage triage = triage(TriageMode.SUGGEST, matching());
    IssueEvent opened = event("opened", issue(NUMBER, List.of()));
    String body = plannedBody(opened);
    github.hasIssue(REPOSITORY, NUMBER);
    github
        .server()
        .stubFor(
            get(urlPathEqualTo(COMMENTS))
                .inScenario("comment")
                .whenScenarioStateIs(STARTED)
                .willReturn(FakeGitHub.ok(List.of())));
    github
        .server()
        .stubFor(
            post(urlPathEqualTo(COMMENTS))
                .inScenario("comment")
                .whenScenarioStateIs(STARTED)
                .willReturn(
                    FakeGitHub.json(
                        201,
                        FakeGitHub.comment(
                            REPOSITORY, NUMBER, new IssueComment(904, body, FakeGitHub.BOT_LOGIN))))
                .willSetStateTo("commented"));
    github
        .server()
        .stubFor(
            get(urlPathEqualTo(COMMENTS))
                .inScenario("comment")
                .whenScenarioStateIs("commented")
                .willReturn(
                    FakeGitHub.ok(
                        List.of(
                            FakeGitHub.comment(
                                REPOSITORY,
                                NUMBER,
                                new IssueComment(
                                    904, body.replace("\n", "\r\n"), FakeGitHub.BOT_LOGIN))))));

    // when the same delivery is triaged twice (say the worker died before recording success)
    triage.triage(opened);
    triage.triage(opened);

    // then
    github.server().verify(exactly(1), postRequestedFor(urlPathEqualTo(COMMENTS)));
    github
        .server()
        .verify(
            exactly(0),
            patchRequestedFor(urlPathEqualTo("/repos/" + REPOSITORY + "/issues/comments/904")));
    assertThat(audit.forIssue(REPOSITORY, NUMBER).get(1).executed())
        .contains("\"comment\":\"UNCHANGED\"");
  }

  @Test
  void aSecondaryRateLimitWithRetryAfterFailsTheTriageUntilThenAndIsAudited() {
    GitHubUnavailableException failure =
        triageWhileCommentsAnswer(
            aResponse()
                .withStatus(403)
                .withHeader("Retry-After", "120")
                .withBody("{\"message\":\"You have exceeded a secondary rate limit.\"}"));

    assertThat(failure.retryNotBefore()).contains(NOW.plus(Duration.ofMinutes(2)));
    assertThat(github.writes()).isEmpty();
    TriageAudit.Entry audited = onlyAuditEntry();
    assertThat(audited.outcome()).isEqualTo("FAILED");
    assertThat(audited.error()).contains("secondary rate limit");
  }

  @Test
  void aSecondaryRateLimitWithoutRetryAfterFailsTheTriageForAMinute() {
    GitHubUnavailableException failure =
        triageWhileCommentsAnswer(
            FakeGitHub.json(403, Map.of("message", "You have exceeded a secondary rate limit.")));

    assertThat(failure.retryNotBefore()).contains(NOW.plus(Duration.ofMinutes(1)));
    assertThat(github.writes()).isEmpty();
  }

  /** Triages a matching issue while GitHub answers the comment listing like this. */
  private GitHubUnavailableException triageWhileCommentsAnswer(ResponseDefinitionBuilder answer) {
    github.hasIssue(REPOSITORY, NUMBER);
    github.stub(get(urlPathEqualTo(COMMENTS)), answer);
    IssueTriage triage = triage(TriageMode.SUGGEST, matching());
    return catchThrowableOfType(
        GitHubUnavailableException.class,
        () -> triage.triage(event("opened", issue(NUMBER, List.of()))));
  }

  @Test
  void aPullRequestIsSkippedWithoutAnyCall() {
    IssueSnapshot pr = DecideTriageTest.withFlags(issue(NUMBER, List.of()), false, true, "open");

    triage(TriageMode.APPLY, matching()).triage(event("opened", pr));

    assertThat(github.requests()).isEmpty();
    assertThat(onlyAuditEntry().outcome()).isEqualTo("SKIPPED");
  }

  private IssueTriage triage(TriageMode mode, Function<IssueText, List<SignatureMatch>> matcher) {
    GitHubOperations rest =
        GitHubRestOperations.withToken(github.apiUrl(), "ghp_test_token", clock);
    dryRun = new DryRunGitHub(rest);
    PlanExecutor executor =
        mode == TriageMode.DRY_RUN ? PlanExecutor.dryRun(dryRun) : PlanExecutor.live(rest);
    return new TriageIssue(matcher, decide(mode), executor, audit);
  }

  private static DecideTriage decide(TriageMode mode) {
    return new DecideTriage(new TriagePolicy(mode, 0.5, 0.85), TriageComment.fromClasspath());
  }

  private static String plannedBody(IssueEvent event) {
    return decide(TriageMode.SUGGEST).decide(event, matching().apply(null)).comment().body();
  }

  private static Function<IssueText, List<SignatureMatch>> matching() {
    return text -> List.of(match(oauthSignature(), 0.9));
  }

  private static Function<IssueText, List<SignatureMatch>> nothingMatches() {
    return text -> List.of();
  }

  private TriageAudit.Entry onlyAuditEntry() {
    List<TriageAudit.Entry> entries = audit.forIssue(REPOSITORY, NUMBER);
    assertThat(entries).hasSize(1);
    return entries.get(0);
  }
}
