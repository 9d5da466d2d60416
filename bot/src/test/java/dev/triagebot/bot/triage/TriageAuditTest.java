package dev.triagebot.bot.triage;

import static dev.triagebot.bot.triage.TriageFixtures.event;
import static dev.triagebot.bot.triage.TriageFixtures.issue;
import static dev.triagebot.bot.triage.TriageFixtures.match;
import static dev.triagebot.bot.triage.TriageFixtures.oauthSignature;
import static org.assertj.core.api.Assertions.assertThat;

import dev.triagebot.bot.github.GitHubUnavailableException;
import dev.triagebot.bot.triage.Execution.CommentOutcome;
import dev.triagebot.bot.triage.Execution.Status;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The audit table from migration V2, on H2 and (where CI provides it) PostgreSQL. */
class TriageAuditTest {
  static final Instant NOW = Instant.parse("2026-05-04T10:00:00Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  @Test
  void aPlanAndItsOutcomeAreRecordedOnH2() {
    recordsAPlanAndAFailure(AuditDatabase.h2());
  }

  @Test
  void aPlanAndItsOutcomeAreRecordedOnPostgres() {
    try (AuditDatabase.Postgres postgres = AuditDatabase.postgres()) {
      recordsAPlanAndAFailure(postgres.jdbc());
    }
  }

  private static void recordsAPlanAndAFailure(JdbcClient jdbc) {
    // given a plan that was carried out, then one whose comment GitHub refused to take
    TriageAudit audit = new TriageAudit(jdbc, CLOCK);
    TriagePlan plan =
        new DecideTriage(
                new TriagePolicy(TriageMode.APPLY, 0.5, 0.85), TriageComment.fromClasspath())
            .decide(event("opened", issue(42, List.of())), List.of(match(oauthSignature(), 0.9)));
    Execution done =
        new Execution(
            Status.DONE,
            List.of("area:mcp"),
            List.of("area:auth"),
            CommentOutcome.CREATED,
            901L,
            null);
    Execution failed =
        new Execution(
            Status.FAILED,
            List.of("area:mcp"),
            List.of(),
            CommentOutcome.NOT_TOUCHED,
            null,
            new GitHubUnavailableException("comment on issue: GitHub answered 502", null, null));

    // when
    audit.record("delivery-1", plan, failed);
    audit.record("delivery-1", plan, done);

    // then
    List<TriageAudit.Entry> entries = audit.forIssue(TriageFixtures.REPOSITORY, 42);
    assertThat(entries).extracting(TriageAudit.Entry::outcome).containsExactly("FAILED", "DONE");
    TriageAudit.Entry first = entries.get(0);
    assertThat(first.deliveryId()).isEqualTo("delivery-1");
    assertThat(first.action()).isEqualTo("opened");
    assertThat(first.recordedAt()).isEqualTo(NOW);
    assertThat(first.signatureId()).isEqualTo("mcp-oauth-token-not-honored");
    assertThat(first.error())
        .isEqualTo("GitHubUnavailableException: comment on issue: GitHub answered 502");
    assertThat(first.matches())
        .contains("\"signatureId\":\"mcp-oauth-token-not-honored\"")
        .contains("\"confidence\":0.9");
    assertThat(first.plan())
        .contains("\"labelsToAdd\":[\"area:mcp\",\"area:auth\"]")
        .contains("\"kind\":\"CREATE_OR_UPDATE\"")
        .contains("triage-bot:signature=mcp-oauth-token-not-honored");
    TriageAudit.Entry second = entries.get(1);
    assertThat(second.error()).isNull();
    assertThat(second.executed())
        .contains("\"labelsAdded\":[\"area:mcp\"]")
        .contains("\"labelsNotInRepository\":[\"area:auth\"]")
        .contains("\"comment\":\"CREATED\"")
        .contains("\"commentId\":901");
  }
}
