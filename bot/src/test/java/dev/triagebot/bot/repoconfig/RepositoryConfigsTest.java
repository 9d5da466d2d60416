package dev.triagebot.bot.repoconfig;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.triagebot.bot.github.FakeGitHub.issuePath;
import static dev.triagebot.bot.triage.TriageFixtures.REPOSITORY;
import static dev.triagebot.bot.triage.TriageFixtures.event;
import static dev.triagebot.bot.triage.TriageFixtures.issue;
import static dev.triagebot.bot.triage.TriageFixtures.match;
import static dev.triagebot.bot.triage.TriageFixtures.oauthSignature;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.triagebot.bot.github.DryRunGitHub;
import dev.triagebot.bot.github.FakeGitHub;
import dev.triagebot.bot.github.GitHubOperations;
import dev.triagebot.bot.github.GitHubRestOperations;
import dev.triagebot.bot.github.GitHubUnavailableException;
import dev.triagebot.bot.issue.RepositoryRef;
import dev.triagebot.bot.queue.MigratedDatabase;
import dev.triagebot.bot.queue.MutableClock;
import dev.triagebot.bot.review.ReviewPage;
import dev.triagebot.bot.review.ReviewStats;
import dev.triagebot.bot.triage.DecideTriage;
import dev.triagebot.bot.triage.IssueHistory;
import dev.triagebot.bot.triage.PlanExecutor;
import dev.triagebot.bot.triage.RepositoryPolicy;
import dev.triagebot.bot.triage.TriageAudit;
import dev.triagebot.bot.triage.TriageComment;
import dev.triagebot.bot.triage.TriageIssue;
import dev.triagebot.bot.triage.TriageMode;
import dev.triagebot.bot.triage.TriagePolicy;
import dev.triagebot.bot.triage.TriageReview;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Per-repository configuration against the fake GitHub and a migrated store: given files on GitHub,
 * when issues are triaged, then the file in force shapes exactly the requests made.
 */
class RepositoryConfigsTest {
  static final String PATH = RepositoryConfigs.PATH;
  static final String CONTENTS = "/repos/" + REPOSITORY + "/contents/" + PATH;
  static final String ORG_CONTENTS = "/repos/octo-org/.github/contents/" + PATH;
  static final RepositoryRef REPO = new RepositoryRef(0, REPOSITORY);
  static final String FILE = REPOSITORY + "/" + PATH;
  static final Duration RECHECK = Duration.ofMinutes(10);
  static final int NUMBER = 31;

  FakeGitHub github;
  MigratedDatabase database;
  JdbcClient jdbc;
  MutableClock clock;
  GitHubOperations operations;
  RepositoryConfigs configs;

  @BeforeEach
  void start() {
    github = new FakeGitHub();
    database = openDatabase();
    jdbc = JdbcClient.create(database.jdbc());
    clock = new MutableClock(Instant.parse("2026-12-01T09:00:00Z"));
    operations = GitHubRestOperations.withToken(github.apiUrl(), "ghp_test_token", clock);
    configs = configs(Optional.of(operations));
  }

  @AfterEach
  void stop() {
    github.close();
    if (database != null) {
      database.close();
    }
  }

  /** The store the files are cached in: H2 here, PostgreSQL in the subclass. */
  MigratedDatabase openDatabase() {
    return MigratedDatabase.h2();
  }

  RepositoryConfigs configs(Optional<GitHubOperations> gitHub) {
    return new RepositoryConfigs(
        jdbc,
        clock,
        () -> gitHub,
        new RepositoryConfigParser(
            Set.of("mcp-oauth-token-not-honored"), Set.of("area:mcp", "area:auth")),
        RECHECK,
        Runnable::run);
  }

  @Test
  void aValidFileRenamesTheLabelsTheBotApplies() {
    // given an apply deployment and a repository that calls area:mcp "mcp"
    github.hasFile(REPOSITORY, PATH, "label_renames:\n  area:mcp: mcp\n", "\"v1\"");
    repositoryAcceptsLabels("mcp", "area:auth");

    // when a matching issue is opened
    triage(TriageMode.APPLY, NUMBER);

    // then the labels are applied under the repository's names
    assertThat(github.received("POST", issuePath(REPOSITORY, NUMBER) + "/labels"))
        .singleElement()
        .extracting(LoggedRequest::getBodyAsString)
        .isEqualTo("{\"labels\":[\"mcp\",\"area:auth\"]}");
    assertThat(github.received("GET", ORG_CONTENTS)).as("no need for the default").isEmpty();
  }

  @Test
  void aValidFileLowersTheModeToSuggest() {
    github.hasFile(REPOSITORY, PATH, "mode: suggest\n", "\"v1\"");
    repositoryAcceptsLabels("area:mcp", "area:auth");

    triage(TriageMode.APPLY, NUMBER);

    assertThat(github.writes())
        .containsExactly("POST " + issuePath(REPOSITORY, NUMBER) + "/comments");
  }

  @Test
  void theOperatorsModeIsNeverExceeded() {
    // given a repository asking for apply from a suggest deployment
    github.hasFile(REPOSITORY, PATH, "mode: apply\nthresholds:\n  apply: 0\n", "\"v1\"");
    repositoryAcceptsLabels("area:mcp", "area:auth");

    // when a matching issue is opened, and another under a dry-run deployment
    triage(TriageMode.SUGGEST, NUMBER);
    triage(TriageMode.DRY_RUN, NUMBER + 1);

    // then suggest posts its comment and applies nothing; dry-run writes nothing at all
    assertThat(github.writes())
        .containsExactly("POST " + issuePath(REPOSITORY, NUMBER) + "/comments");
  }

  @Test
  void aRepositoryAskingForDryRunGetsNothingWritten() {
    github.hasFile(REPOSITORY, PATH, "mode: dry-run\n", "\"v1\"");
    repositoryAcceptsLabels("area:mcp", "area:auth");

    triage(TriageMode.APPLY, NUMBER);

    assertThat(github.writes()).isEmpty();
    assertThat(new TriageAudit(jdbc, clock).forIssue(REPOSITORY, NUMBER))
        .singleElement()
        .extracting(TriageAudit.Entry::outcome)
        .isEqualTo("DRY_RUN");
  }

  @Test
  void anInvalidVersionKeepsTheLastGoodOneAndIsShownWithItsLine() {
    // given a valid file in force
    github.hasFile(REPOSITORY, PATH, "mode: suggest\n", "\"v1\"");
    assertThat(configs.forRepository(REPO).mode()).isEqualTo(TriageMode.SUGGEST);

    // when a maintainer pushes a broken version and the bot reads it again
    github.hasFile(REPOSITORY, PATH, "mode: suggest\nlabel_renames:\n  area:mcp: [mcp\n", "\"v2\"");
    configs.fileChanged(REPOSITORY);
    RepositoryPolicy inForce = configs.forRepository(REPO);

    // then the last good version stays in force, and the problem is listed with its line
    assertThat(inForce.mode()).isEqualTo(TriageMode.SUGGEST);
    assertThat(inForce.labelRenames()).isEmpty();
    assertThat(configs.problems())
        .singleElement()
        .satisfies(
            problem -> {
              assertThat(problem.file()).isEqualTo(FILE);
              assertThat(problem.line()).isEqualTo(4);
              assertThat(problem.problem()).startsWith("not valid YAML: ");
            });
    assertThat(audit()).containsExactly("loaded", "invalid 4");

    // and /review shows it
    String page =
        new ReviewPage()
            .render(
                List.of(),
                List.of(),
                new ReviewStats(List.of(), List.of(), List.of(), List.of()),
                "csrf",
                "apply",
                Optional.empty(),
                configs.problems());
    assertThat(page)
        .contains("<h2>Configuration problems</h2>")
        .contains("<code>" + FILE + "</code></td><td>line 4</td><td>not valid YAML: ");

    // when it is read again, unchanged, nothing more is audited; when fixed, it is in force
    clock.advance(RECHECK);
    configs.forRepository(REPO);
    github.hasFile(REPOSITORY, PATH, "mode: dry-run\n", "\"v3\"");
    configs.fileChanged(REPOSITORY);
    assertThat(configs.forRepository(REPO).mode()).isEqualTo(TriageMode.DRY_RUN);
    assertThat(configs.problems()).isEmpty();
    assertThat(audit()).containsExactly("loaded", "invalid 4", "loaded");
  }

  @Test
  void aFileThatNeverValidatedLeavesTheDefaultsInForce() {
    github.hasFile(REPOSITORY, PATH, "mode: sometimes\n", "\"v1\"");

    assertThat(configs.forRepository(REPO)).isEqualTo(RepositoryPolicy.DEFAULTS);
    assertThat(configs.problems())
        .singleElement()
        .hasToString(FILE + ":1: mode: 'sometimes' is not one of dry-run, suggest, apply");
  }

  @Test
  void aFileReadIsUsedUntilTheRecheckThenAskedForWithItsETagAndA304KeepsIt() {
    github.hasFile(REPOSITORY, PATH, "mode: suggest\n", "\"v1\"");
    configs.forRepository(REPO);

    // within the recheck interval GitHub is not asked
    clock.advance(RECHECK.minusSeconds(1));
    configs.forRepository(REPO);
    assertThat(github.received("GET", CONTENTS)).hasSize(1);
    assertThat(github.received("GET", CONTENTS).get(0).containsHeader("If-None-Match")).isFalse();

    // after it, GitHub is asked with the ETag and answers 304
    clock.advance(Duration.ofSeconds(1));
    RepositoryPolicy after = configs.forRepository(REPO);

    List<LoggedRequest> reads = github.received("GET", CONTENTS);
    assertThat(reads).hasSize(2);
    assertThat(reads.get(1).getHeader("If-None-Match")).isEqualTo("\"v1\"");
    assertThat(github.server().getAllServeEvents().get(0).getResponse().getStatus())
        .as("the newest request was answered 304")
        .isEqualTo(304);
    assertThat(after.mode()).isEqualTo(TriageMode.SUGGEST);
    assertThat(audit()).containsExactly("loaded");

    // and the next read waits for another interval
    configs.forRepository(REPO);
    assertThat(github.received("GET", CONTENTS)).hasSize(2);
  }

  @Test
  void theOrganisationsDefaultAppliesWhenTheRepositoryHasNoFile() {
    // given no file in the repository, and one in the owner's .github repository
    github.hasFile(
        "octo-org/.github", PATH, "mode: dry-run\nskip:\n  associations: [OWNER]\n", "\"o1\"");

    RepositoryPolicy policy = configs.forRepository(REPO);

    assertThat(policy.source()).isEqualTo("octo-org/.github/" + PATH);
    assertThat(policy.mode()).isEqualTo(TriageMode.DRY_RUN);
    assertThat(policy.skipAssociations()).containsExactly("OWNER");
    assertThat(github.requests()).containsExactly("GET " + CONTENTS, "GET " + ORG_CONTENTS);

    // when the repository gets a file of its own, it replaces the default entirely
    github.hasFile(REPOSITORY, PATH, "mode: suggest\n", "\"r1\"");
    configs.fileChanged(REPOSITORY);
    RepositoryPolicy own = configs.forRepository(REPO);

    assertThat(own.source()).isEqualTo(FILE);
    assertThat(own.skipAssociations()).isEmpty();
  }

  @Test
  void withoutAnyFileTheDefaultsApply() {
    assertThat(configs.forRepository(REPO)).isEqualTo(RepositoryPolicy.DEFAULTS);
    assertThat(audit()).containsExactly("absent", "absent");
  }

  @Test
  void aPushThatChangedTheFileHasItReadAgainAtOnceWithoutTheETag() {
    github.hasFile(REPOSITORY, PATH, "mode: suggest\n", "\"v1\"");
    configs.forRepository(REPO);
    github.hasFile(REPOSITORY, PATH, "mode: dry-run\n", "\"v2\"");

    // when a push marks it changed, well within the recheck interval
    clock.advance(Duration.ofSeconds(5));
    configs.fileChanged(REPOSITORY);
    configs.refreshSoon(REPO);

    // then it was read at once, unconditionally, and the new version is in force
    List<LoggedRequest> reads = github.received("GET", CONTENTS);
    assertThat(reads).hasSize(2);
    assertThat(reads.get(1).containsHeader("If-None-Match")).isFalse();
    assertThat(configs.forRepository(REPO).mode()).isEqualTo(TriageMode.DRY_RUN);
    assertThat(github.received("GET", CONTENTS)).hasSize(2);
  }

  @Test
  void whileGitHubIsUnavailableTheCachedVersionStaysInUseAndWithoutOneTheJobWaits() {
    github.hasFile(REPOSITORY, PATH, "mode: suggest\n", "\"v1\"");
    configs.forRepository(REPO);
    github.stub(get(urlPathEqualTo(CONTENTS)).atPriority(0), aResponse().withStatus(502));
    clock.advance(RECHECK);

    assertThat(configs.forRepository(REPO).mode()).isEqualTo(TriageMode.SUGGEST);
    RepositoryRef other = new RepositoryRef(0, "octo-org/never-read");
    github.stub(
        get(urlPathEqualTo("/repos/octo-org/never-read/contents/" + PATH)),
        aResponse().withStatus(503));
    assertThatThrownBy(() -> configs.forRepository(other))
        .isInstanceOf(GitHubUnavailableException.class);
  }

  @Test
  void aRefusedReadIsShownAndTheCachedVersionStaysInForce() {
    // given a file in force, then an installation that lost (or never accepted) contents: read
    github.hasFile(REPOSITORY, PATH, "mode: suggest\n", "\"v1\"");
    configs.forRepository(REPO);
    github.stub(
        get(urlPathEqualTo(CONTENTS)).atPriority(0),
        FakeGitHub.json(
            403,
            Map.of(
                "message",
                "Resource not accessible by integration",
                "documentation_url",
                "https://docs.github.com/rest/repos/contents#get-repository-content")));
    clock.advance(RECHECK);

    assertThat(configs.forRepository(REPO).mode()).isEqualTo(TriageMode.SUGGEST);
    assertThat(configs.problems())
        .singleElement()
        .hasToString(
            FILE
                + ": GitHub refused to read it (403): the App needs the contents: read permission"
                + " on this repository");
  }

  @Test
  void withoutGitHubCredentialsTheDefaultsApplyAndNothingIsAsked() {
    RepositoryConfigs offline = configs(Optional.empty());

    assertThat(offline.forRepository(REPO)).isEqualTo(RepositoryPolicy.DEFAULTS);
    offline.refreshSoon(REPO);
    assertThat(github.requests()).isEmpty();
  }

  private void repositoryAcceptsLabels(String... labels) {
    for (int number : new int[] {NUMBER, NUMBER + 1}) {
      github
          .hasRepository(REPOSITORY)
          .hasIssue(REPOSITORY, number)
          .hasLabels(REPOSITORY, labels)
          .hasComments(REPOSITORY, number)
          .acceptsLabels(REPOSITORY, number)
          .acceptsNewComment(REPOSITORY, number, 9000 + number);
    }
  }

  private void triage(TriageMode deployment, int number) {
    PlanExecutor executor =
        deployment == TriageMode.DRY_RUN
            ? PlanExecutor.dryRun(new DryRunGitHub(operations))
            : PlanExecutor.live(operations);
    new TriageIssue(
            text -> List.of(match(oauthSignature(), 0.95)),
            new DecideTriage(
                new TriagePolicy(deployment, 0.5, 0.85), TriageComment.fromClasspath()),
            executor,
            new TriageAudit(jdbc, clock),
            TriageReview.NONE,
            IssueHistory.NONE,
            configs)
        .triage(event("opened", issue(number, List.of())));
  }

  private List<String> audit() {
    return jdbc.sql("SELECT outcome, line FROM repository_config_audit ORDER BY id")
        .query(
            (rs, row) ->
                rs.getString("outcome")
                    + (rs.getObject("line") == null ? "" : " " + rs.getInt("line")))
        .list();
  }
}
