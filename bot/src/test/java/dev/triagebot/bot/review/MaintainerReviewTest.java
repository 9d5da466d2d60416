package dev.triagebot.bot.review;

import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static dev.triagebot.bot.github.FakeGitHub.issuePath;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.triagebot.bot.github.FakeGitHub;
import dev.triagebot.bot.github.GitHubOperations;
import dev.triagebot.bot.github.GitHubRestOperations;
import dev.triagebot.bot.github.IssueComment;
import dev.triagebot.bot.issue.IssueRef;
import dev.triagebot.bot.issue.IssueSnapshot;
import dev.triagebot.bot.issue.RepositoryRef;
import dev.triagebot.bot.queue.Backoff;
import dev.triagebot.bot.queue.ClaimedJob;
import dev.triagebot.bot.queue.DeliveryLog;
import dev.triagebot.bot.queue.JobErrorText;
import dev.triagebot.bot.queue.JobQueue;
import dev.triagebot.bot.queue.JobStatus;
import dev.triagebot.bot.queue.JobWorker;
import dev.triagebot.bot.queue.MigratedDatabase;
import dev.triagebot.bot.queue.MutableClock;
import dev.triagebot.bot.queue.QueueProperties;
import dev.triagebot.bot.queue.ReviewRequestJobs;
import dev.triagebot.bot.queue.WorkSignal;
import dev.triagebot.bot.triage.CatalogFiles;
import dev.triagebot.bot.triage.DecideTriage;
import dev.triagebot.bot.triage.IssueEvent;
import dev.triagebot.bot.triage.PlanExecutor;
import dev.triagebot.bot.triage.TriageAudit;
import dev.triagebot.bot.triage.TriageComment;
import dev.triagebot.bot.triage.TriageIssue;
import dev.triagebot.bot.triage.TriageMode;
import dev.triagebot.bot.triage.TriagePolicy;
import dev.triagebot.bot.webhook.GitHubPayloads;
import dev.triagebot.classifier.catalog.SignatureCatalog;
import dev.triagebot.classifier.match.Evidence;
import dev.triagebot.classifier.match.SignatureMatch;
import dev.triagebot.classifier.match.SignatureMatcher;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Maintainer review end to end below the webhook: given a pending suggestion on an issue and a fake
 * GitHub, when comments, label changes and reactions come in, then exactly these requests reach
 * GitHub and the feedback store says what became of the suggestion.
 */
class MaintainerReviewTest {
  static final String REPO = "octo-org/triage-sandbox";
  static final int NUMBER = 7;
  static final String ISSUE = issuePath(REPO, NUMBER);
  static final long BOT_COMMENT = 5001;
  static final String SIGNATURE = "mcp-oauth-token-not-honored";
  static final SignatureCatalog CATALOG = CatalogFiles.load(null);

  MigratedDatabase db;
  FakeGitHub github;
  MutableClock clock;
  Suggestions suggestions;
  ReviewActions actions;
  HandleReviewEvents review;
  GitHubOperations operations;
  SignatureMatcher matcher;
  PlanExecutor executor;
  TriageAudit audit;
  DecideTriage decide;

  @BeforeEach
  void setUp() {
    db = MigratedDatabase.h2();
    github = new FakeGitHub();
    clock = new MutableClock(Instant.parse("2026-11-24T12:00:00Z"));
    JdbcClient jdbc = JdbcClient.create(db.jdbc());
    suggestions = new Suggestions(jdbc, db.transaction(), clock);
    operations = GitHubRestOperations.withToken(github.apiUrl(), "ghp_review", clock);
    executor = PlanExecutor.live(operations);
    matcher = new SignatureMatcher(CATALOG);
    TriagePolicy policy = new TriagePolicy(TriageMode.SUGGEST, 0.5, 0.85);
    TriageComment comment = TriageComment.fromClasspath();
    decide = new DecideTriage(policy, comment);
    audit = new TriageAudit(jdbc, clock);
    TriageIssue triage =
        new TriageIssue(
            matcher::match, decide, executor, audit, new RecordSuggestions(suggestions));
    actions =
        new ReviewActions(
            suggestions,
            executor,
            new DecideReview(CATALOG, comment),
            ExplainReply.fromClasspath(policy),
            matcher::match,
            triage);
    review =
        new HandleReviewEvents(
            actions,
            suggestions,
            Optional.of(new Maintainers(operations, Duration.ofMinutes(5), clock)),
            executor);
    github
        .hasRepository(REPO)
        .hasIssue(REPO, NUMBER)
        .hasLabels(REPO, "area:auth", "area:mcp", "bug")
        .hasComments(
            REPO,
            NUMBER,
            new IssueComment(
                BOT_COMMENT,
                "<!-- triage-bot:signature=" + SIGNATURE + " -->\nold",
                FakeGitHub.BOT_LOGIN),
            new IssueComment(9001, "/triage accept", "maint-lee"))
        .acceptsLabels(REPO, NUMBER)
        .acceptsNewComment(REPO, NUMBER, 9100)
        .acceptsCommentUpdate(REPO, NUMBER, BOT_COMMENT);
    github.stub(
        post(urlPathMatching("/repos/" + REPO + "/issues/comments/\\d+/reactions")),
        FakeGitHub.json(201, reaction("+1", FakeGitHub.BOT_LOGIN)));
    github.stub(delete(urlPathMatching(ISSUE + "/labels/.+")), FakeGitHub.ok(List.of()));
    hasRole("maint-lee", "maintain", "write");
    hasRole("tria-ge", "triage", "read");
    hasRole("drive-by", "read", "read");
  }

  @AfterEach
  void tearDown() {
    github.close();
    db.close();
  }

  @Test
  void acceptFromAMaintainerAddsTheSuggestedLabelsAndThumbsUpTheCommand() {
    long id = pending(List.of(), List.of("area:auth", "area:mcp"));

    review.handle(comment(9001, "/triage accept", "maint-lee", false));

    assertThat(github.writes())
        .containsExactly(
            "POST " + ISSUE + "/labels", "POST /repos/" + REPO + "/issues/comments/9001/reactions");
    assertThat(body("POST", ISSUE + "/labels"))
        .isEqualTo("{\"labels\":[\"area:auth\",\"area:mcp\"]}");
    assertThat(body("POST", "/repos/" + REPO + "/issues/comments/9001/reactions"))
        .isEqualTo("{\"content\":\"+1\"}");
    assertThat(suggestions.find(id).orElseThrow().status()).isEqualTo(SuggestionStatus.ACCEPTED);
    assertThat(suggestions.find(id).orElseThrow().botAppliedLabels())
        .containsExactly("area:auth", "area:mcp");
  }

  @Test
  void aPageRequestIsOnlyQueuedAndTheWorkerAddsTheLabelsAndRecordsTheOutcomeOnce() {
    long id = pending(List.of(), List.of("area:auth", "area:mcp"));
    Queued queued = new Queued();

    long job = queued.requests.enqueue(pageRequest(id, ReviewRequest.Verb.ACCEPT));

    assertThat(github.writes()).as("the page only queues").isEmpty();
    assertThat(suggestions.find(id).orElseThrow().status()).isEqualTo(SuggestionStatus.PENDING);

    assertThat(queued.worker.runOnce()).isTrue();

    assertThat(github.writes()).containsExactly("POST " + ISSUE + "/labels");
    assertThat(body("POST", ISSUE + "/labels"))
        .isEqualTo("{\"labels\":[\"area:auth\",\"area:mcp\"]}");
    Suggestion accepted = suggestions.find(id).orElseThrow();
    assertThat(accepted.status()).isEqualTo(SuggestionStatus.ACCEPTED);
    assertThat(accepted.decidedBy()).isEqualTo(ReviewController.ACTOR);
    assertThat(accepted.botAppliedLabels()).containsExactly("area:auth", "area:mcp");
    assertThat(accepted.labels())
        .extracting(Suggestion.Label::outcome)
        .containsOnly(SuggestionStatus.ACCEPTED);
    assertThat(queued.queue.find(job).orElseThrow().status()).isEqualTo(JobStatus.DONE);

    // a second click, queued before the first ran, finds nothing left to accept
    queued.requests.enqueue(pageRequest(id, ReviewRequest.Verb.ACCEPT));
    assertThat(queued.worker.runOnce()).isTrue();
    assertThat(github.writes()).hasSize(1);
  }

  @Test
  void aPageRequestWaitsWhileAnotherJobAboutTheSameIssueRuns() {
    long id = pending(List.of("area:auth"), List.of());
    Queued queued = new Queued();
    db.queueIssueDelivery(
        queued.queue, "triage-of-the-issue", clock.instant(), REPO + "#" + NUMBER);
    ClaimedJob triageRunning = queued.queue.claimNext("another-replica", LEASE).orElseThrow();

    queued.requests.enqueue(pageRequest(id, ReviewRequest.Verb.REJECT));

    assertThat(queued.worker.runOnce()).as("the issue is busy").isFalse();
    assertThat(github.writes()).isEmpty();

    assertThat(queued.queue.complete(triageRunning)).isTrue();
    assertThat(queued.worker.runOnce()).isTrue();

    assertThat(github.writes())
        .containsExactly(
            "DELETE " + ISSUE + "/labels/area%3Aauth",
            "PATCH /repos/" + REPO + "/issues/comments/" + BOT_COMMENT);
    assertThat(suggestions.find(id).orElseThrow().status()).isEqualTo(SuggestionStatus.REJECTED);
  }

  @Test
  void whenGitHubFailsTheStoreIsLeftAsItWasAndTheRetriedJobFinishesTheAcceptOnce() {
    long id = pending(List.of(), List.of("area:auth"));
    github.stub(
        post(urlPathEqualTo(ISSUE + "/labels"))
            .inScenario("labels")
            .whenScenarioStateIs(Scenario.STARTED)
            .willSetStateTo("recovered"),
        FakeGitHub.json(502, Map.of("message", "Bad Gateway")));
    Queued queued = new Queued();
    long job = queued.requests.enqueue(pageRequest(id, ReviewRequest.Verb.ACCEPT));

    queued.worker.runOnce();

    Suggestion untouched = suggestions.find(id).orElseThrow();
    assertThat(untouched.status()).isEqualTo(SuggestionStatus.PENDING);
    assertThat(untouched.botAppliedLabels()).isEmpty();
    assertThat(queued.queue.find(job).orElseThrow().status()).isEqualTo(JobStatus.QUEUED);

    clock.advance(Duration.ofMinutes(1));
    assertThat(queued.worker.runOnce()).isTrue();

    Suggestion accepted = suggestions.find(id).orElseThrow();
    assertThat(accepted.status()).isEqualTo(SuggestionStatus.ACCEPTED);
    assertThat(accepted.botAppliedLabels()).containsExactly("area:auth");
    assertThat(queued.queue.find(job).orElseThrow().status()).isEqualTo(JobStatus.DONE);
  }

  @Test
  void theTriageRoleMayCommandToo() {
    pending(List.of(), List.of("area:auth"));

    review.handle(comment(9001, "/triage accept", "tria-ge", false));

    assertThat(github.writes()).contains("POST " + ISSUE + "/labels");
  }

  @Test
  void theSameCommandFromAUserWithoutPermissionGetsOnlyAConfusedReaction() {
    long id = pending(List.of(), List.of("area:auth", "area:mcp"));

    review.handle(comment(9001, "/triage accept", "drive-by", false));

    assertThat(github.writes())
        .containsExactly("POST /repos/" + REPO + "/issues/comments/9001/reactions");
    assertThat(body("POST", "/repos/" + REPO + "/issues/comments/9001/reactions"))
        .isEqualTo("{\"content\":\"confused\"}");
    assertThat(suggestions.find(id).orElseThrow().status()).isEqualTo(SuggestionStatus.PENDING);
  }

  @Test
  void anUnknownCommandGetsOnlyAConfusedReaction() {
    long id = pending(List.of(), List.of("area:auth"));

    review.handle(comment(9001, "/triage approve please", "maint-lee", false));

    assertThat(github.writes())
        .containsExactly("POST /repos/" + REPO + "/issues/comments/9001/reactions");
    assertThat(body("POST", "/repos/" + REPO + "/issues/comments/9001/reactions"))
        .isEqualTo("{\"content\":\"confused\"}");
    assertThat(suggestions.find(id).orElseThrow().status()).isEqualTo(SuggestionStatus.PENDING);
  }

  @Test
  void anEditedCommandCommentIsNotExecutedTwice() {
    pending(List.of(), List.of("area:auth"));

    review.handle(comment(9001, "/triage accept", "maint-lee", false));
    review.handle(comment(9001, "/triage accept\n\nthanks!", "maint-lee", true));

    assertThat(github.writes())
        .containsExactly(
            "POST " + ISSUE + "/labels", "POST /repos/" + REPO + "/issues/comments/9001/reactions");
  }

  @Test
  void rejectRemovesOnlyTheLabelsTheBotAppliedAndNamesTheRejecterWithoutAMention() {
    long id = pending(List.of("area:mcp"), List.of("area:auth"));

    review.handle(
        comment(9001, "/triage reject wrong area, this is @someone's proxy", "maint-lee", false));

    assertThat(github.writes())
        .containsExactly(
            "DELETE " + ISSUE + "/labels/area%3Amcp",
            "PATCH /repos/" + REPO + "/issues/comments/" + BOT_COMMENT,
            "POST /repos/" + REPO + "/issues/comments/9001/reactions");
    String updated = body("PATCH", "/repos/" + REPO + "/issues/comments/" + BOT_COMMENT);
    assertThat(updated)
        .contains("rejected by `maint-lee`")
        .contains("wrong area")
        .doesNotContain("@maint-lee")
        .doesNotContain("@someone")
        .doesNotContain("#60260")
        .doesNotContain("Suggested labels");
    Suggestion rejected = suggestions.find(id).orElseThrow();
    assertThat(rejected.status()).isEqualTo(SuggestionStatus.REJECTED);
    assertThat(rejected.decidedBy()).isEqualTo("maint-lee");
  }

  @Test
  void explainRepliesWithEvidenceScoresAndThresholds() {
    pending(List.of(), List.of("area:auth"));

    review.handle(comment(9001, "/triage explain", "maint-lee", false));

    assertThat(github.writes())
        .containsExactly(
            "POST " + ISSUE + "/comments",
            "POST /repos/" + REPO + "/issues/comments/9001/reactions");
    String reply = body("POST", ISSUE + "/comments");
    assertThat(reply)
        .contains("`" + SIGNATURE + "`", "confidence", "raw score", "Reported from", "in the body")
        .contains("this is the one I recognised");
  }

  @Test
  void rerunClassifiesTheCurrentTextAgainAndSupersedesThePendingSuggestion() {
    long old = pending(List.of(), List.of("area:auth", "area:mcp"));

    review.handle(comment(9001, "/triage rerun", "maint-lee", false));

    assertThat(github.writes())
        .containsExactly(
            "PATCH /repos/" + REPO + "/issues/comments/" + BOT_COMMENT,
            "POST /repos/" + REPO + "/issues/comments/9001/reactions");
    assertThat(suggestions.find(old).orElseThrow().status()).isEqualTo(SuggestionStatus.SUPERSEDED);
    Suggestion current = suggestions.current(REPO, NUMBER).orElseThrow();
    assertThat(current.id()).isNotEqualTo(old);
    assertThat(current.status()).isEqualTo(SuggestionStatus.PENDING);
    assertThat(current.signatureId()).isEqualTo(SIGNATURE);
  }

  @Test
  void aThumbsDownOnTheBotsCommentSeenByThePollerWithdrawsTheDuplicateLink() {
    long id = pending(List.of(), List.of("area:auth"));
    github.stub(
        get(urlPathEqualTo("/repos/" + REPO + "/issues/comments/" + BOT_COMMENT + "/reactions")),
        FakeGitHub.ok(List.of(reaction("+1", "fan"), reaction("-1", "river-okafor"))));
    ReactionPolling poller = poller();

    int polled = poller.pollIfDue();
    int tooSoon = poller.pollIfDue();

    assertThat(polled).isEqualTo(1);
    assertThat(tooSoon).as("the next round waits for the interval").isZero();
    assertThat(github.writes())
        .containsExactly("PATCH /repos/" + REPO + "/issues/comments/" + BOT_COMMENT);
    assertThat(body("PATCH", "/repos/" + REPO + "/issues/comments/" + BOT_COMMENT))
        .contains("`river-okafor` objected")
        .doesNotContain("#60260");
    assertThat(suggestions.find(id).orElseThrow().status()).isEqualTo(SuggestionStatus.OBJECTED);

    clock.advance(Duration.ofMinutes(10));
    assertThat(poller.pollIfDue()).as("objected suggestions are not polled again").isZero();
  }

  @Test
  void theIssueAuthorSayingItIsNotADuplicateIsAnObjectionButSomeoneElseSayingItIsNot() {
    long id = pending(List.of(), List.of("area:auth"));

    review.handle(
        comment(9002, "Thanks, but this is not the same problem.", "someone-else", false));
    assertThat(github.writes()).isEmpty();

    review.handle(
        comment(
            9003,
            "This is not a duplicate: my server uses an API key, not OAuth.",
            "river-okafor",
            false));

    assertThat(github.writes())
        .containsExactly("PATCH /repos/" + REPO + "/issues/comments/" + BOT_COMMENT);
    assertThat(suggestions.find(id).orElseThrow().status()).isEqualTo(SuggestionStatus.OBJECTED);
  }

  @Test
  void aMaintainerRemovingABotLabelIsNegativeAndAddingASuggestedOneIsPositive() {
    long removed = pending(List.of("area:mcp"), List.of());
    review.handle(new ReviewEvent.LabelChange("d1", false, issue(), "area:mcp", "maint-lee"));
    assertThat(suggestions.find(removed).orElseThrow().status())
        .isEqualTo(SuggestionStatus.REJECTED);
    assertThat(suggestions.find(removed).orElseThrow().label("area:mcp").orElseThrow().outcome())
        .isEqualTo(SuggestionStatus.REJECTED);

    long added = pending(List.of(), List.of("area:auth"));
    review.handle(new ReviewEvent.LabelChange("d2", true, issue(), "area:auth", "maint-lee"));
    assertThat(suggestions.find(added).orElseThrow().status()).isEqualTo(SuggestionStatus.ACCEPTED);
    assertThat(github.writes()).isEmpty();
  }

  @Test
  void statisticsAfterAScriptedSeriesOfEvents() {
    // issue 7: accepted by command; issue 8: rejected; issue 9: objected by the reporter;
    // issue 10: bot label removed; issue 11: still pending; issue 12: superseded by a rerun
    for (int number = 8; number <= 12; number++) {
      github
          .hasIssue(REPO, number)
          .hasComments(
              REPO,
              number,
              new IssueComment(
                  BOT_COMMENT,
                  "<!-- triage-bot:signature=" + SIGNATURE + " -->\nold",
                  FakeGitHub.BOT_LOGIN));
    }
    pending(List.of(), List.of("area:auth", "area:mcp"));
    review.handle(comment(9001, "/triage accept", "maint-lee", false));
    record(8, List.of(), List.of("area:auth"));
    actions.reject(suggestions.current(REPO, 8).orElseThrow(), "maint-lee", "not OAuth");
    record(9, List.of(), List.of("area:mcp"));
    actions.object(suggestions.current(REPO, 9).orElseThrow(), "river-okafor", "comment");
    record(10, List.of("area:mcp"), List.of());
    review.handle(new ReviewEvent.LabelChange("d3", false, issue(10), "area:mcp", "maint-lee"));
    record(11, List.of(), List.of("area:auth"));
    long superseded = record(12, List.of(), List.of("area:auth"));
    suggestions.supersede(superseded);

    ReviewStats stats = suggestions.stats();

    assertThat(stats.signatures())
        .containsExactly(new ReviewStats.Counts(SIGNATURE, 5, 1, 1, 2, 1, 0.25));
    assertThat(stats.labels())
        .containsExactly(
            new ReviewStats.Counts("area:auth", 3, 1, 1, 1, 0, 0.5),
            new ReviewStats.Counts("area:mcp", 3, 1, 1, 1, 0, 0.5));
    assertThat(stats.signatures().get(0).precisionText()).isEqualTo("25%");
  }

  @Test
  void aReportTooThinToDecideGetsNoGitHubRequestAndIsListedAsNeedingALook() {
    // given a report the matcher scores just below the match threshold
    IssueSnapshot thin = thinIssue(NUMBER);

    // when it is opened
    triageWith(thinMatch()).triage(new IssueEvent("d-thin", "opened", thin));

    // then GitHub hears nothing, and review lists it for a maintainer's look
    assertThat(github.requests()).isEmpty();
    Suggestion listed = suggestions.current(REPO, NUMBER).orElseThrow();
    assertThat(listed.needsLook()).isTrue();
    assertThat(listed.status()).isEqualTo(SuggestionStatus.PENDING);
    assertThat(listed.commentId()).isNull();
    assertThat(listed.duplicateOf()).isNull();
    assertThat(listed.confidence()).isEqualTo(0.41);
    assertThat(listed.labels())
        .containsExactly(
            new Suggestion.Label("area:auth", false, SuggestionStatus.PENDING),
            new Suggestion.Label("area:mcp", false, SuggestionStatus.PENDING));
    assertThat(suggestions.pending(10)).extracting(Suggestion::id).containsExactly(listed.id());
  }

  @Test
  void acceptingAReportThatNeedsALookAppliesItsLabelsAndNothingElse() {
    triageWith(thinMatch()).triage(new IssueEvent("d-thin", "opened", thinIssue(NUMBER)));
    Suggestion listed = suggestions.current(REPO, NUMBER).orElseThrow();

    boolean accepted = actions.accept(listed, ReviewController.ACTOR);

    assertThat(accepted).isTrue();
    assertThat(github.writes()).containsExactly("POST " + ISSUE + "/labels");
    assertThat(body("POST", ISSUE + "/labels"))
        .isEqualTo("{\"labels\":[\"area:auth\",\"area:mcp\"]}");
    Suggestion decided = suggestions.find(listed.id()).orElseThrow();
    assertThat(decided.status()).isEqualTo(SuggestionStatus.ACCEPTED);
    assertThat(decided.decidedBy()).isEqualTo(ReviewController.ACTOR);
  }

  @Test
  void rejectingAReportThatNeedsALookRecordsTheVerdictAndWritesNothing() {
    triageWith(thinMatch()).triage(new IssueEvent("d-thin", "opened", thinIssue(NUMBER)));
    Suggestion listed = suggestions.current(REPO, NUMBER).orElseThrow();

    boolean rejected = actions.reject(listed, "maint-lee", "a different server");

    assertThat(rejected).isTrue();
    assertThat(github.requests()).isEmpty();
    Suggestion decided = suggestions.find(listed.id()).orElseThrow();
    assertThat(decided.status()).isEqualTo(SuggestionStatus.REJECTED);
    assertThat(decided.decidedBy()).isEqualTo("maint-lee");
    assertThat(decided.reason()).isEqualTo("a different server");
  }

  @Test
  void theReporterSayingItIsNotThisProblemIsNoObjectionToWhatWasNeverSuggested() {
    triageWith(thinMatch()).triage(new IssueEvent("d-thin", "opened", thinIssue(NUMBER)));

    review.handle(
        comment(
            9003, "This is not a duplicate: my server uses an API key.", "river-okafor", false));

    assertThat(github.requests()).isEmpty();
    assertThat(suggestions.current(REPO, NUMBER).orElseThrow().status())
        .isEqualTo(SuggestionStatus.PENDING);
  }

  @Test
  void aLaterTriageSupersedesAPendingNeedsALook() {
    triageWith(thinMatch()).triage(new IssueEvent("d-thin", "opened", thinIssue(NUMBER)));
    long thin = suggestions.current(REPO, NUMBER).orElseThrow().id();

    // when the reporter edits the issue into a full report the catalog recognises
    triageWith(match()).triage(new IssueEvent("d-edit", "edited", issue()));

    assertThat(suggestions.find(thin).orElseThrow().status())
        .isEqualTo(SuggestionStatus.SUPERSEDED);
    Suggestion current = suggestions.current(REPO, NUMBER).orElseThrow();
    assertThat(current.needsLook()).isFalse();
    assertThat(current.status()).isEqualTo(SuggestionStatus.PENDING);
  }

  @Test
  void reportsThatNeedALookAreCountedApartFromThePublicSuggestions() {
    // issue 7: a public suggestion, accepted; issues 8, 9, 10: needs a look, accepted, rejected,
    // still pending
    pending(List.of(), List.of("area:auth", "area:mcp"));
    actions.accept(suggestions.current(REPO, NUMBER).orElseThrow(), "maint-lee");
    for (int number = 8; number <= 10; number++) {
      github.hasIssue(REPO, number).acceptsLabels(REPO, number);
      triageWith(thinMatch()).triage(new IssueEvent("d" + number, "opened", thinIssue(number)));
    }
    actions.accept(suggestions.current(REPO, 8).orElseThrow(), ReviewController.ACTOR);
    actions.reject(suggestions.current(REPO, 9).orElseThrow(), ReviewController.ACTOR, "");

    ReviewStats stats = suggestions.stats();

    assertThat(stats.signatures())
        .containsExactly(new ReviewStats.Counts(SIGNATURE, 1, 0, 1, 0, 0, 1.0));
    assertThat(stats.labels())
        .as("the labels of public suggestions only")
        .extracting(ReviewStats.Counts::name, ReviewStats.Counts::made)
        .containsExactly(tuple("area:auth", 1), tuple("area:mcp", 1));
    assertThat(stats.needsLook())
        .containsExactly(new ReviewStats.Counts(SIGNATURE, 3, 1, 1, 1, 0, 0.5));
  }

  @Test
  void verdictsSinceTheLastFitCountOnlyDecisionsAfterTheFitDay() {
    // given a signature fitted on 2026-11-24, the day the clock starts on
    LocalDate fitted = LocalDate.of(2026, 11, 24);
    for (int number = 8; number <= 12; number++) {
      github.hasIssue(REPO, number).acceptsLabels(REPO, number);
    }
    // a verdict on the day of the fit, which the fit may have seen
    record(8, List.of(), List.of("area:auth"));
    actions.accept(suggestions.current(REPO, 8).orElseThrow(), "maint-lee");
    // the next day: an accept, an objection and a rejected needs-a-look; one left pending
    clock.advance(Duration.ofDays(1));
    record(9, List.of(), List.of("area:auth"));
    actions.accept(suggestions.current(REPO, 9).orElseThrow(), "maint-lee");
    record(10, List.of(), List.of("area:auth"));
    suggestions.decide(
        suggestions.current(REPO, 10).orElseThrow().id(),
        SuggestionStatus.OBJECTED,
        "river-okafor",
        "a thumbs-down");
    triageWith(thinMatch()).triage(new IssueEvent("d11", "opened", thinIssue(11)));
    actions.reject(suggestions.current(REPO, 11).orElseThrow(), ReviewController.ACTOR, "");
    record(12, List.of(), List.of("area:auth"));

    ReviewStats stats = suggestions.stats(Map.of(SIGNATURE, fitted));

    assertThat(stats.sinceFit()).containsExactly(new ReviewStats.SinceFit(SIGNATURE, fitted, 3));
    assertThat(stats.sinceFit().get(0).verdictsText()).isEqualTo("3 verdicts");
    assertThat(suggestions.stats(Map.of(SIGNATURE, fitted.plusDays(1))).sinceFit())
        .containsExactly(new ReviewStats.SinceFit(SIGNATURE, fitted.plusDays(1), 0));
  }

  /** Triage whose matcher reports these matches, whatever the text. */
  private TriageIssue triageWith(SignatureMatch... matches) {
    return new TriageIssue(
        text -> List.of(matches), decide, executor, audit, new RecordSuggestions(suggestions));
  }

  /** The signature's score for a thin report: no match, but in the band worth a look. */
  private static SignatureMatch thinMatch() {
    return new SignatureMatch(
        CATALOG.find(SIGNATURE).orElseThrow(),
        -0.4,
        0.41,
        false,
        true,
        List.of(new Evidence("needs-auth", Evidence.Kind.SIGNAL, "title", "needs auth", 1.1)));
  }

  /** The signature's match on the full report. */
  private static SignatureMatch match() {
    return new SignatureMatch(
        CATALOG.find(SIGNATURE).orElseThrow(),
        6.0,
        0.92,
        true,
        List.of(
            new Evidence(
                "auth-completed", Evidence.Kind.SIGNAL, "body", "Authentication successful", 3.0)));
  }

  /** A report as thin as real ones get: a bare title and a body cut off mid-sentence. */
  private static IssueSnapshot thinIssue(int number) {
    return issue(number, "[BUG] mcp needs auth", "after i log in it still says needs auth and");
  }

  private ReactionPolling poller() {
    ReviewProperties settings =
        new ReviewProperties(
            null, Duration.ofMinutes(5), true, Duration.ofMinutes(10), 20, Duration.ofDays(14));
    return new ReactionPolling(operations, suggestions, actions, settings, clock);
  }

  private long pending(List<String> botApplied, List<String> suggested) {
    return record(NUMBER, botApplied, suggested);
  }

  private long record(int number, List<String> botApplied, List<String> suggested) {
    return suggestions.record(issue(number), match(), 60260, BOT_COMMENT, botApplied, suggested);
  }

  private static IssueSnapshot issue() {
    return issue(NUMBER);
  }

  private static IssueSnapshot issue(int number) {
    return issue(
        number,
        "MCP server stays in 'Needs authentication' although OAuth succeeds",
        "In `/mcp` I pick Authenticate and sign in; Claude Code prints `Authentication successful`,"
            + " but the MCP server goes straight back to `Needs authentication` and lists no tools.");
  }

  private static IssueSnapshot issue(int number, String title, String body) {
    return new IssueSnapshot(
        0,
        REPO,
        number,
        title,
        body,
        List.of(),
        "river-okafor",
        false,
        false,
        "open",
        "https://github.com/" + REPO + "/issues/" + number);
  }

  private static ReviewEvent.Comment comment(long id, String body, String author, boolean edited) {
    return new ReviewEvent.Comment(
        "delivery-" + id + (edited ? "-edit" : ""), edited, issue(), id, body, author);
  }

  private String body(String method, String path) {
    assertThat(github.received(method, path)).as("%s %s was sent", method, path).hasSize(1);
    return github.received(method, path).get(0).getBodyAsString();
  }

  private void hasRole(String login, String role, String permission) {
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("permission", permission);
    answer.put("role_name", role);
    answer.put("user", Map.of("login", login, "id", Math.abs(login.hashCode()), "type", "User"));
    github.stub(
        get(urlPathEqualTo("/repos/" + REPO + "/collaborators/" + login + "/permission")),
        FakeGitHub.ok(answer));
  }

  private static Map<String, Object> reaction(String content, String login) {
    Map<String, Object> reaction = new LinkedHashMap<>();
    reaction.put("id", Math.abs((content + login).hashCode()));
    reaction.put("node_id", "REA_lADOAAAAAc4AAAAB");
    reaction.put("content", content);
    reaction.put(
        "user",
        Map.of(
            "login",
            login,
            "id",
            Math.abs(login.hashCode()),
            "type",
            login.endsWith("[bot]") ? "Bot" : "User"));
    reaction.put("created_at", "2026-11-24T12:30:00Z");
    return reaction;
  }

  static final Duration LEASE = Duration.ofMinutes(5);

  private static ReviewRequest pageRequest(long suggestionId, ReviewRequest.Verb verb) {
    return new ReviewRequest(
        suggestionId,
        new IssueRef(new RepositoryRef(0, REPO), NUMBER),
        verb,
        ReviewController.ACTOR,
        "");
  }

  /** The review page's path: requests queued in the store, one worker carrying them out. */
  private final class Queued {
    final JobQueue queue = new JobQueue(db.jdbc(), clock);
    final ReviewRequestJobs requests =
        new ReviewRequestJobs(
            new DeliveryLog(db.jdbc()), queue, db.transaction(), new WorkSignal(), clock);
    final JobWorker worker;

    Queued() {
      QueueProperties settings =
          new QueueProperties(
              3, Duration.ofSeconds(2), Duration.ofMinutes(15), 1, Duration.ofMillis(10), LEASE);
      worker =
          new JobWorker(
              "page-worker",
              queue,
              new GitHubPayloads(),
              event -> {
                throw new AssertionError("no triage expected: " + event);
              },
              new GitHubPayloads(),
              review,
              new Backoff(Duration.ofSeconds(2), Duration.ofMinutes(1), () -> 0.5),
              settings,
              new JobErrorText(List.of()),
              clock,
              JobWorker.Safeguards.minimal(settings, clock),
              new SimpleMeterRegistry());
    }
  }
}
