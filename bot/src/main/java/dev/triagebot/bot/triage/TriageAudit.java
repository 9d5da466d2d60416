package dev.triagebot.bot.triage;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The audit trail of triage: every plan and its outcome, one row per attempt, in {@code
 * triage_audit} (migration {@code V2__audit.sql}).
 */
public final class TriageAudit {
  private final JdbcClient jdbc;
  private final Clock clock;

  public TriageAudit(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** Records a plan and what was carried out of it. */
  public void record(String deliveryId, TriagePlan plan, Execution execution) {
    jdbc.sql(
            """
            INSERT INTO triage_audit (delivery_id, installation_id, repository, issue_number,
                action, recorded_at, outcome, signature_id, matches, plan, executed, error)
            VALUES (:deliveryId, :installationId, :repository, :issueNumber,
                :action, :recordedAt, :outcome, :signatureId, :matches, :plan, :executed, :error)
            """)
        .param("deliveryId", deliveryId)
        .param("installationId", plan.issue().repository().installationId())
        .param("repository", plan.issue().repository().fullName())
        .param("issueNumber", plan.issue().number())
        .param("action", plan.action())
        .param("recordedAt", OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
        .param("outcome", execution.status().name())
        .param("signatureId", plan.signatureId())
        .param("matches", PlanJson.matches(plan.matches()))
        .param("plan", PlanJson.plan(plan))
        .param("executed", PlanJson.execution(execution))
        .param("error", PlanJson.error(execution))
        .update();
  }

  /** The audit of one issue, oldest first. */
  public List<Entry> forIssue(String repository, int issueNumber) {
    return jdbc.sql(
            """
            SELECT id, delivery_id, repository, issue_number, action, recorded_at, outcome,
                signature_id, matches, plan, executed, error
            FROM triage_audit WHERE repository = :repository AND issue_number = :issueNumber
            ORDER BY id
            """)
        .param("repository", repository)
        .param("issueNumber", issueNumber)
        .query(TriageAudit::entry)
        .list();
  }

  private static Entry entry(ResultSet row, int rowNumber) throws SQLException {
    return new Entry(
        row.getLong("id"),
        row.getString("delivery_id"),
        row.getString("repository"),
        row.getInt("issue_number"),
        row.getString("action"),
        row.getObject("recorded_at", OffsetDateTime.class).toInstant(),
        row.getString("outcome"),
        row.getString("signature_id"),
        row.getString("matches"),
        row.getString("plan"),
        row.getString("executed"),
        row.getString("error"));
  }

  /**
   * One audited attempt; {@code matches}, {@code plan} and {@code executed} are JSON.
   *
   * @param id row id, increasing with time
   * @param deliveryId the delivery that triggered it
   * @param repository {@code owner/name}
   * @param issueNumber the issue
   * @param action the webhook action
   * @param recordedAt when the attempt ended
   * @param outcome {@code SKIPPED}, {@code DRY_RUN}, {@code DONE} or {@code FAILED}
   * @param signatureId the recognised signature, or null
   * @param matches JSON array of scores
   * @param plan JSON of the plan
   * @param executed JSON of what was carried out
   * @param error the failure, one line, or null
   */
  public record Entry(
      long id,
      String deliveryId,
      String repository,
      int issueNumber,
      String action,
      Instant recordedAt,
      String outcome,
      String signatureId,
      String matches,
      String plan,
      String executed,
      String error) {}
}
