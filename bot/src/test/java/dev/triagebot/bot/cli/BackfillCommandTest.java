package dev.triagebot.bot.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.triagebot.bot.github.FakeGitHub;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code backfill} through the jar's entry point: given a repository of two issues and a pull
 * request, the issues land in the store (where every replica's index takes them from), and the
 * command says so.
 */
class BackfillCommandTest {
  private static final String REPO = "acme/gadgets";

  @TempDir Path dataDir;
  private final FakeGitHub github = new FakeGitHub();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @AfterEach
  void stop() {
    github.close();
  }

  @Test
  void theCommandStoresEveryIssueOfTheRepositoryForTheReplicasIndexes() {
    github.stub(
        get(urlPathEqualTo("/repos/" + REPO + "/issues")),
        FakeGitHub.ok(List.of(issue(1), issue(2), pullRequest(3))));

    int exit =
        TriageBotCommand.run(
            new String[] {
              "backfill",
              "--repo",
              REPO,
              "--triage.data-dir=" + dataDir,
              "--triage.github.token=ghp_backfill_command",
              "--triage.github.api-url=" + github.apiUrl()
            },
            System.in,
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));

    assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("backfill of acme/gadgets done: 2 issues stored, 3 items listed");
    try (HikariDataSource store = new HikariDataSource()) {
      store.setJdbcUrl("jdbc:h2:file:" + dataDir.resolve("triage"));
      store.setUsername("sa");
      assertThat(
              new JdbcTemplate(store)
                  .queryForList(
                      "SELECT issue_number FROM known_issue WHERE repository = ?"
                          + " ORDER BY issue_number",
                      Integer.class,
                      REPO))
          .containsExactly(1, 2);
    }
  }

  private static Map<String, Object> issue(int number) {
    return Map.of(
        "number",
        number,
        "title",
        "Gadget sync fails " + number,
        "body",
        "The gadget sync fails after an update.",
        "state",
        "open",
        "labels",
        List.of(),
        "author_association",
        "NONE",
        "created_at",
        "2026-01-01T00:00:00Z",
        "updated_at",
        "2026-01-0" + number + "T00:00:00Z");
  }

  private static Map<String, Object> pullRequest(int number) {
    return Map.of(
        "number", number,
        "title", "Fix gadget sync",
        "body", "",
        "state", "open",
        "labels", List.of(),
        "author_association", "MEMBER",
        "created_at", "2026-01-01T00:00:00Z",
        "updated_at", "2026-01-03T00:00:00Z",
        "pull_request", Map.of("url", "https://api.github.com/repos/" + REPO + "/pulls/" + number));
  }
}
