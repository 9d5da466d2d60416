package dev.triagebot.bot.review;

import dev.triagebot.bot.issue.IssueRef;
import dev.triagebot.bot.issue.IssueSnapshot;
import dev.triagebot.bot.issue.RepositoryRef;
import dev.triagebot.classifier.match.Evidence;
import dev.triagebot.classifier.match.SignatureMatch;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.transaction.support.TransactionOperations;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The feedback store ({@code review_suggestion}, {@code review_suggestion_label}, {@code
 * review_command}; migrations {@code V3__review.sql}, {@code V8__needs_look.sql}): every suggestion
 * the bot made, what became of it and of each of its labels, and which command comments were
 * carried out.
 */
public final class Suggestions {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final TypeReference<List<Evidence>> EVIDENCE = new TypeReference<>() {};
  private static final int TITLE_LIMIT = 1000;

  private static final String COLUMNS =
      "id, installation_id, repository, issue_number, issue_title, issue_url, issue_author,"
          + " signature_id, confidence, score, evidence, duplicate_of, comment_id, needs_look,"
          + " status, decided_by, decided_at, reason, created_at";

  private final JdbcClient jdbc;
  private final TransactionOperations transaction;
  private final Clock clock;

  /**
   * @param transaction the store's transactions: every change that takes several statements is made
   *     in one
   */
  public Suggestions(JdbcClient jdbc, TransactionOperations transaction, Clock clock) {
    this.jdbc = jdbc;
    this.transaction = transaction;
    this.clock = clock;
  }

  /**
   * Runs {@code change} in one transaction: a caller's several changes (supersede the old
   * suggestion, record the new one) land together or not at all.
   */
  public void atomically(Runnable change) {
    transaction.executeWithoutResult(status -> change.run());
  }

  /**
   * Records a new pending suggestion.
   *
   * @param botApplied labels the bot put on the issue
   * @param suggested labels suggested for a maintainer
   * @return its id
   */
  public long record(
      IssueSnapshot issue,
      SignatureMatch match,
      Integer duplicateOf,
      Long commentId,
      Collection<String> botApplied,
      Collection<String> suggested) {
    return record(issue, match, duplicateOf, commentId, false, botApplied, suggested);
  }

  /**
   * Records a report too thin to decide, for a maintainer's look: no comment, nothing applied, the
   * signature's labels the issue lacks only suggested.
   *
   * @return its id
   */
  public long recordNeedsLook(
      IssueSnapshot issue, SignatureMatch match, Collection<String> labels) {
    return record(issue, match, null, null, true, List.of(), labels);
  }

  private long record(
      IssueSnapshot issue,
      SignatureMatch match,
      Integer duplicateOf,
      Long commentId,
      boolean needsLook,
      Collection<String> botApplied,
      Collection<String> suggested) {
    return transaction.execute(
        status -> insert(issue, match, duplicateOf, commentId, needsLook, botApplied, suggested));
  }

  private long insert(
      IssueSnapshot issue,
      SignatureMatch match,
      Integer duplicateOf,
      Long commentId,
      boolean needsLook,
      Collection<String> botApplied,
      Collection<String> suggested) {
    String title = issue.title();
    // The id of this very row, as the database generated it (RETURNING on PostgreSQL): another
    // suggestion recorded meanwhile for the same issue can never be taken for it.
    KeyHolder key = new GeneratedKeyHolder();
    jdbc.sql(
            """
            INSERT INTO review_suggestion (installation_id, repository, issue_number, issue_title,
                issue_url, issue_author, signature_id, confidence, score, evidence, duplicate_of,
                comment_id, needs_look, status, created_at)
            VALUES (:installation, :repository, :number, :title, :url, :author, :signature,
                :confidence, :score, :evidence, :duplicateOf, :commentId, :needsLook, 'pending',
                :now)
            """)
        .param("installation", issue.installationId())
        .param("repository", issue.repository())
        .param("number", issue.number())
        .param("title", title.length() > TITLE_LIMIT ? title.substring(0, TITLE_LIMIT) : title)
        .param("url", issue.htmlUrl())
        .param("author", issue.author())
        .param("signature", match.signature().id())
        .param("confidence", match.confidence())
        .param("score", match.score())
        .param("evidence", JSON.writeValueAsString(match.evidence()))
        .param("duplicateOf", duplicateOf)
        .param("commentId", commentId)
        .param("needsLook", needsLook)
        .param("now", now())
        .update(key, "id");
    long id = key.getKeyAs(Number.class).longValue();
    Map<String, Boolean> labels = new LinkedHashMap<>();
    suggested.forEach(label -> labels.putIfAbsent(label.toLowerCase(Locale.ROOT), false));
    Map<String, String> spelled = new LinkedHashMap<>();
    suggested.forEach(label -> spelled.putIfAbsent(label.toLowerCase(Locale.ROOT), label));
    botApplied.forEach(
        label -> {
          labels.put(label.toLowerCase(Locale.ROOT), true);
          spelled.putIfAbsent(label.toLowerCase(Locale.ROOT), label);
        });
    labels.forEach(
        (lower, applied) ->
            jdbc.sql(
                    "INSERT INTO review_suggestion_label (suggestion_id, label, bot_applied,"
                        + " outcome) VALUES (:id, :label, :applied, 'pending')")
                .param("id", id)
                .param("label", spelled.get(lower))
                .param("applied", applied)
                .update());
    return id;
  }

  /** The suggestion with this id. */
  public Optional<Suggestion> find(long id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM review_suggestion WHERE id = :id")
        .param("id", id)
        .query(this::suggestion)
        .optional()
        .map(this::withLabels);
  }

  /** The issue's newest suggestion that was not superseded: the one its comment is about. */
  public Optional<Suggestion> current(String repository, int issueNumber) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM review_suggestion WHERE repository = :repository"
                + " AND issue_number = :number AND status <> 'superseded' ORDER BY id DESC"
                + " LIMIT 1")
        .param("repository", repository)
        .param("number", issueNumber)
        .query(this::suggestion)
        .optional()
        .map(this::withLabels);
  }

  /** Pending suggestions, newest first. */
  public List<Suggestion> pending(int limit) {
    return list("status = 'pending'", "id DESC", limit);
  }

  /** Decided suggestions (not superseded), most recently decided first. */
  public List<Suggestion> recentDecisions(int limit) {
    return list(
        "status IN ('accepted', 'rejected', 'objected')", "decided_at DESC, id DESC", limit);
  }

  /**
   * Pending suggestions with a comment, made after {@code since}, least recently polled first: the
   * comments whose reactions to poll next.
   */
  public List<Suggestion> toPoll(Instant since, int limit) {
    return list(
        "status = 'pending' AND comment_id IS NOT NULL AND created_at >= :since",
        "CASE WHEN polled_at IS NULL THEN 0 ELSE 1 END, polled_at, id",
        limit,
        Map.of("since", OffsetDateTime.ofInstant(since, ZoneOffset.UTC)));
  }

  /** Notes that the suggestion's comment was polled now. */
  public void polled(long id) {
    jdbc.sql("UPDATE review_suggestion SET polled_at = :now WHERE id = :id")
        .param("now", now())
        .param("id", id)
        .update();
  }

  /**
   * Records what a carried-out review plan did, all in one transaction: the labels the bot added,
   * what became of the suggestion's labels, and the suggestion's new status with who decided and
   * why.
   *
   * @param labelsAdded the labels the executor actually added (those the repository defines)
   */
  public void settle(ReviewPlan plan, Collection<String> labelsAdded) {
    long id = plan.suggestion().id();
    transaction.executeWithoutResult(
        status -> {
          botApplied(id, labelsAdded);
          plan.labelOutcome()
              .ifPresent(
                  outcome ->
                      labelOutcome(
                          id,
                          plan.suggestion().labels().stream().map(Suggestion.Label::name).toList(),
                          outcome));
          decide(id, plan.status(), plan.by(), plan.reason());
        });
  }

  /** Sets what became of the suggestion, who decided and why. */
  public void decide(long id, SuggestionStatus status, String by, String reason) {
    jdbc.sql(
            "UPDATE review_suggestion SET status = :status, decided_by = :by, decided_at = :now,"
                + " reason = :reason WHERE id = :id")
        .param("status", status.column())
        .param("by", by)
        .param("now", now())
        .param("reason", reason == null || reason.isBlank() ? null : shortened(reason))
        .param("id", id)
        .update();
  }

  /** Sets what became of some labels of the suggestion; names compare ignoring case. */
  public void labelOutcome(long id, Collection<String> labels, SuggestionStatus outcome) {
    for (String label : labels) {
      jdbc.sql(
              "UPDATE review_suggestion_label SET outcome = :outcome"
                  + " WHERE suggestion_id = :id AND LOWER(label) = :label")
          .param("outcome", outcome.column())
          .param("id", id)
          .param("label", label.toLowerCase(Locale.ROOT))
          .update();
    }
  }

  /** Notes that the bot itself put these labels on the issue. */
  public void botApplied(long id, Collection<String> labels) {
    for (String label : labels) {
      jdbc.sql(
              "UPDATE review_suggestion_label SET bot_applied = TRUE"
                  + " WHERE suggestion_id = :id AND LOWER(label) = :label")
          .param("id", id)
          .param("label", label.toLowerCase(Locale.ROOT))
          .update();
    }
  }

  /** Marks a suggestion replaced by a later triage, with its labels still pending. */
  public void supersede(long id) {
    jdbc.sql("UPDATE review_suggestion SET status = 'superseded' WHERE id = :id")
        .param("id", id)
        .update();
    jdbc.sql(
            "UPDATE review_suggestion_label SET outcome = 'superseded'"
                + " WHERE suggestion_id = :id AND outcome = 'pending'")
        .param("id", id)
        .update();
  }

  /**
   * Claims a command comment for carrying out; false when it was claimed before (an edit or a
   * redelivery of one already handled).
   */
  public boolean claimCommand(
      long commentId, String repository, int issueNumber, String actor, String command) {
    try {
      jdbc.sql(
              "INSERT INTO review_command (comment_id, repository, issue_number, actor, command,"
                  + " outcome, executed_at) VALUES (:id, :repository, :number, :actor, :command,"
                  + " 'running', :now)")
          .param("id", commentId)
          .param("repository", repository)
          .param("number", issueNumber)
          .param("actor", actor)
          .param("command", shortened(command, 200))
          .param("now", now())
          .update();
      return true;
    } catch (DuplicateKeyException handledBefore) {
      return false;
    }
  }

  /** Records how a claimed command ended. */
  public void commandDone(long commentId, String outcome) {
    jdbc.sql("UPDATE review_command SET outcome = :outcome WHERE comment_id = :id")
        .param("outcome", shortened(outcome, 200))
        .param("id", commentId)
        .update();
  }

  /** Gives a claim back after a failure, so that the retried job carries the command out. */
  public void releaseCommand(long commentId) {
    jdbc.sql("DELETE FROM review_command WHERE comment_id = :id").param("id", commentId).update();
  }

  /** The statistics, with no signature's fit date known. */
  public ReviewStats stats() {
    return stats(Map.of());
  }

  /**
   * Counts per signature and per label over every public suggestion not superseded, needs-a-look
   * rows apart (they are no public suggestion, so they stay out of the precision), and per fitted
   * signature the maintainer verdicts since its fit.
   *
   * @param fittedOn the day each signature with a fitted file was fitted
   */
  public ReviewStats stats(Map<String, LocalDate> fittedOn) {
    List<ReviewStats.Row> labels =
        jdbc.sql(
                "SELECT l.label AS name, l.outcome AS status, COUNT(*) AS n"
                    + " FROM review_suggestion_label l JOIN review_suggestion s"
                    + " ON s.id = l.suggestion_id"
                    + " WHERE l.outcome <> 'superseded' AND s.needs_look = FALSE"
                    + " GROUP BY l.label, l.outcome")
            .query(Suggestions::count)
            .list();
    List<ReviewStats.SinceFit> sinceFit =
        new TreeMap<>(fittedOn)
            .entrySet().stream()
                .map(
                    fit ->
                        new ReviewStats.SinceFit(
                            fit.getKey(),
                            fit.getValue(),
                            verdictsAfter(fit.getKey(), fit.getValue())))
                .toList();
    return ReviewStats.of(perSignature(false), labels, perSignature(true), sinceFit);
  }

  /** Suggestions not superseded per signature and status: public ones, or needs-a-look ones. */
  private List<ReviewStats.Row> perSignature(boolean needsLook) {
    return jdbc.sql(
            "SELECT signature_id AS name, status, COUNT(*) AS n FROM review_suggestion"
                + " WHERE status <> 'superseded' AND needs_look = :needsLook"
                + " GROUP BY signature_id, status")
        .param("needsLook", needsLook)
        .query(Suggestions::count)
        .list();
  }

  /**
   * Maintainer verdicts (accepted, rejected, objected; needs-a-look ones included) on a signature
   * made after the day it was fitted. The fitted file records only the day, so a verdict on that
   * day counts as one the fit may have seen.
   */
  private int verdictsAfter(String signatureId, LocalDate day) {
    return jdbc.sql(
            "SELECT COUNT(*) FROM review_suggestion WHERE signature_id = :signature"
                + " AND status IN ('accepted', 'rejected', 'objected') AND decided_at >= :from")
        .param("signature", signatureId)
        .param("from", day.plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC))
        .query(Integer.class)
        .single();
  }

  private static ReviewStats.Row count(ResultSet row, int number) throws SQLException {
    return new ReviewStats.Row(
        row.getString("name"), SuggestionStatus.parse(row.getString("status")), row.getInt("n"));
  }

  private List<Suggestion> list(String where, String order, int limit) {
    return list(where, order, limit, Map.of());
  }

  private List<Suggestion> list(
      String where, String order, int limit, Map<String, Object> parameters) {
    return withLabels(
        jdbc.sql(
                "SELECT "
                    + COLUMNS
                    + " FROM review_suggestion WHERE "
                    + where
                    + " ORDER BY "
                    + order
                    + " LIMIT :limit")
            .params(parameters)
            .param("limit", limit)
            .query(this::suggestion)
            .list());
  }

  private Suggestion withLabels(Suggestion suggestion) {
    return withLabels(List.of(suggestion)).get(0);
  }

  /** The suggestions with their labels, read in one query for all of them. */
  private List<Suggestion> withLabels(List<Suggestion> suggestions) {
    if (suggestions.isEmpty()) {
      return suggestions;
    }
    Map<Long, List<Suggestion.Label>> labels = new HashMap<>();
    jdbc.sql(
            "SELECT suggestion_id, label, bot_applied, outcome FROM review_suggestion_label"
                + " WHERE suggestion_id IN (:ids) ORDER BY suggestion_id, label")
        .param("ids", suggestions.stream().map(Suggestion::id).toList())
        .query(
            row -> {
              labels
                  .computeIfAbsent(row.getLong("suggestion_id"), id -> new ArrayList<>())
                  .add(
                      new Suggestion.Label(
                          row.getString("label"),
                          row.getBoolean("bot_applied"),
                          SuggestionStatus.parse(row.getString("outcome"))));
            });
    return suggestions.stream()
        .map(s -> withLabels(s, labels.getOrDefault(s.id(), List.of())))
        .toList();
  }

  private static Suggestion withLabels(Suggestion suggestion, List<Suggestion.Label> labels) {
    return new Suggestion(
        suggestion.id(),
        suggestion.issue(),
        suggestion.issueTitle(),
        suggestion.issueUrl(),
        suggestion.issueAuthor(),
        suggestion.signatureId(),
        suggestion.confidence(),
        suggestion.score(),
        suggestion.evidence(),
        suggestion.duplicateOf(),
        suggestion.commentId(),
        suggestion.needsLook(),
        suggestion.status(),
        suggestion.decidedBy(),
        suggestion.decidedAt(),
        suggestion.reason(),
        suggestion.createdAt(),
        new ArrayList<>(labels));
  }

  private Suggestion suggestion(ResultSet row, int number) throws SQLException {
    OffsetDateTime decided = row.getObject("decided_at", OffsetDateTime.class);
    return new Suggestion(
        row.getLong("id"),
        new IssueRef(
            new RepositoryRef(row.getLong("installation_id"), row.getString("repository")),
            row.getInt("issue_number")),
        row.getString("issue_title"),
        row.getString("issue_url"),
        row.getString("issue_author"),
        row.getString("signature_id"),
        row.getDouble("confidence"),
        row.getDouble("score"),
        JSON.readValue(row.getString("evidence"), EVIDENCE),
        row.getObject("duplicate_of", Integer.class),
        row.getObject("comment_id", Long.class),
        row.getBoolean("needs_look"),
        SuggestionStatus.parse(row.getString("status")),
        row.getString("decided_by"),
        decided == null ? null : decided.toInstant(),
        row.getString("reason"),
        row.getObject("created_at", OffsetDateTime.class).toInstant(),
        List.of());
  }

  private OffsetDateTime now() {
    return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
  }

  private static String shortened(String text) {
    return shortened(text, 1000);
  }

  private static String shortened(String text, int limit) {
    return text.length() <= limit ? text : text.substring(0, limit);
  }
}
