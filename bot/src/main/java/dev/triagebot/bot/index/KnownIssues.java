package dev.triagebot.bot.index;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.triagebot.bot.queue.Timestamps;
import dev.triagebot.classifier.similar.IndexedIssue;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Each known issue's current state, in {@code known_issue}: the history every replica's
 * similar-issue index is derived from. Written by ingress in the transaction that stores a delivery
 * and by a backfill with each page; read by {@link IndexUpkeep} by repository version.
 *
 * <p>Every write first bumps its repository's version ({@code known_issue_repository}); that row
 * lock orders the writers of one repository, so when a reader sees version N it sees every row
 * written at N or below, and a replica that has applied up to N has missed nothing.
 */
public class KnownIssues {
  private static final TypeReference<List<String>> LABELS = new TypeReference<>() {};
  private static final int FIND_CHUNK = 500;
  private static final String COLUMNS =
      "issue_number, title, body, state, state_reason, labels, author_association, created_at,"
          + " updated_at, duplicate_of, removed, version";

  private final JdbcTemplate jdbc;
  private final TransactionTemplate savepoint;

  /**
   * @param transactions the store's transaction manager; a repository's first version row is
   *     inserted under a savepoint of the caller's transaction, so that losing the race to another
   *     replica costs only that statement
   */
  public KnownIssues(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.savepoint = new TransactionTemplate(transactions);
    savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
  }

  /**
   * One row: the issue as the index should hold it, or its tombstone.
   *
   * @param number the issue
   * @param issue its current record; null when {@code removed}
   * @param removed deleted or transferred away
   * @param version the repository version that last changed it
   */
  public record Row(int number, IndexedIssue issue, boolean removed, long version) {}

  /**
   * Records a change in the caller's transaction; a change older than the stored state ({@code
   * updated_at}), or to an issue that was deleted or transferred, changes nothing.
   */
  public void record(IndexChange change) {
    recordAll(change.repository(), List.of(change));
  }

  /**
   * Records the changes of one repository, in order, at one new version: one query reads the stored
   * rows they concern, and the writes go in JDBC batches (a backfill page is 100 issues).
   */
  public void recordAll(String repository, List<? extends IndexChange> changes) {
    if (changes.isEmpty()) {
      return;
    }
    if (!TransactionSynchronizationManager.isActualTransactionActive()) {
      // Outside one, the version bump would be seen before the rows it covers.
      throw new IllegalStateException("known issues are recorded inside a transaction");
    }
    String key = key(repository);
    long version = nextVersion(key);
    Map<Integer, Row> stored = findAll(key, changes);
    // The state each number ends in; a number changed twice in the batch is written once.
    Map<Integer, Row> after = new LinkedHashMap<>();
    for (IndexChange change : changes) {
      Row current =
          after.containsKey(change.number())
              ? after.get(change.number())
              : stored.get(change.number());
      if (current != null && current.removed()) {
        continue; // a deleted or transferred issue never comes back under this number
      }
      if (change instanceof IndexChange.Remove) {
        if (current != null) {
          after.put(change.number(), new Row(change.number(), null, true, version));
        }
        continue;
      }
      IndexedIssue incoming = ((IndexChange.Upsert) change).issue();
      IndexedIssue next = current == null ? incoming : newer(current.issue(), incoming);
      if (current == null || !next.equals(current.issue())) {
        after.put(change.number(), new Row(change.number(), next, false, version));
      }
    }
    List<Object[]> inserts = new ArrayList<>();
    List<Object[]> updates = new ArrayList<>();
    List<Object[]> removals = new ArrayList<>();
    for (Row row : after.values()) {
      boolean exists = stored.containsKey(row.number());
      if (row.removed()) {
        if (exists) {
          removals.add(new Object[] {version, key, row.number()});
        }
      } else {
        (exists ? updates : inserts).add(values(key, row.issue(), version));
      }
    }
    batch(
        "INSERT INTO known_issue (title, body, state, state_reason, labels, author_association,"
            + " created_at, updated_at, duplicate_of, removed, version, repository, issue_number)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, FALSE, ?, ?, ?)",
        inserts);
    batch(
        "UPDATE known_issue SET title = ?, body = ?, state = ?, state_reason = ?, labels = ?,"
            + " author_association = ?, created_at = ?, updated_at = ?, duplicate_of = ?,"
            + " removed = FALSE, version = ? WHERE repository = ? AND issue_number = ?",
        updates);
    batch(
        "UPDATE known_issue SET title = '', body = '', labels = '[]', removed = TRUE,"
            + " version = ? WHERE repository = ? AND issue_number = ?",
        removals);
  }

  private void batch(String sql, List<Object[]> rows) {
    if (!rows.isEmpty()) {
      jdbc.batchUpdate(sql, rows);
    }
  }

  /** The stored rows of these changes' issues, by number, tombstones included. */
  private Map<Integer, Row> findAll(String key, List<? extends IndexChange> changes) {
    List<Integer> numbers = changes.stream().map(IndexChange::number).distinct().toList();
    Map<Integer, Row> rows = new HashMap<>();
    for (int from = 0; from < numbers.size(); from += FIND_CHUNK) {
      List<Integer> chunk = numbers.subList(from, Math.min(numbers.size(), from + FIND_CHUNK));
      List<Object> arguments = new ArrayList<>();
      for (int number : chunk) {
        arguments.add(key);
        arguments.add(number);
      }
      jdbc.query(storedRowsQuery(chunk.size()), ROW, arguments.toArray())
          .forEach(row -> rows.put(row.number(), row));
    }
    return rows;
  }

  /**
   * The stored rows of {@code count} issues, bound as (repository, number) pairs. Row values, not
   * "repository = ? AND issue_number IN (…)": H2 answers that one by reading every row of the
   * repository, so each group commit grew slower as the repository grew.
   */
  static String storedRowsQuery(int count) {
    return "SELECT "
        + COLUMNS
        + " FROM known_issue WHERE (repository, issue_number) IN ("
        + String.join(", ", java.util.Collections.nCopies(count, "(?, ?)"))
        + ")";
  }

  /**
   * What the index should hold given the stored record and an incoming one: the incoming one unless
   * it is older; a "closed as duplicate" that names no target keeps the target learned before (from
   * a comment or a backfill), which webhooks never carry.
   */
  static IndexedIssue newer(IndexedIssue current, IndexedIssue incoming) {
    if (incoming.updatedAt() != null
        && current.updatedAt() != null
        && incoming.updatedAt().isBefore(current.updatedAt())) {
      return current;
    }
    if (incoming.duplicateOf() == null
        && current.duplicateOf() != null
        && incoming.state() == IndexedIssue.State.CLOSED
        && incoming.stateReason() == IndexedIssue.StateReason.DUPLICATE) {
      return incoming.withState(incoming.state(), incoming.stateReason(), current.duplicateOf());
    }
    return incoming;
  }

  /** The repository's newest version; 0 when nothing was recorded for it. */
  public long version(String repository) {
    return jdbc
        .queryForList(
            "SELECT version FROM known_issue_repository WHERE repository = ?",
            Long.class,
            key(repository))
        .stream()
        .findFirst()
        .orElse(0L);
  }

  /** Every repository with recorded issues, as {@code owner/name} in lower case. */
  public List<String> repositories() {
    return jdbc.queryForList(
        "SELECT repository FROM known_issue_repository ORDER BY repository", String.class);
  }

  /** The rows changed at versions in {@code (after, upTo]}, in version order. */
  public List<Row> changed(String repository, long after, long upTo) {
    return jdbc.query(
        "SELECT "
            + COLUMNS
            + " FROM known_issue WHERE repository = ? AND version > ? AND version <= ?"
            + " ORDER BY version, issue_number",
        ROW,
        key(repository),
        after,
        upTo);
  }

  /** How many rows changed after {@code after}: a replica's backlog for the repository. */
  public int countChangedAfter(String repository, long after) {
    return jdbc.queryForObject(
        "SELECT COUNT(*) FROM known_issue WHERE repository = ? AND version > ?",
        Integer.class,
        key(repository),
        after);
  }

  /**
   * Every issue of the repository that is still there, in number order, read lazily a page at a
   * time so that a rebuild of 100,000 issues never holds them all.
   */
  public Iterable<IndexedIssue> current(String repository, int pageSize) {
    String key = key(repository);
    return () ->
        new Iterator<>() {
          private List<Row> page = List.of();
          private int next;
          private int after;
          private boolean exhausted;

          @Override
          public boolean hasNext() {
            if (next < page.size()) {
              return true;
            }
            if (exhausted) {
              return false;
            }
            page =
                jdbc.query(
                    "SELECT "
                        + COLUMNS
                        + " FROM known_issue WHERE repository = ? AND issue_number > ?"
                        + " AND removed = FALSE ORDER BY issue_number LIMIT ?",
                    ROW,
                    key,
                    after,
                    pageSize);
            next = 0;
            exhausted = page.size() < pageSize;
            if (!page.isEmpty()) {
              after = page.get(page.size() - 1).number();
            }
            return !page.isEmpty();
          }

          @Override
          public IndexedIssue next() {
            if (!hasNext()) {
              throw new NoSuchElementException();
            }
            return page.get(next++).issue();
          }
        };
  }

  /** One issue's row, tombstones included. */
  public Optional<Row> find(String repository, int number) {
    return jdbc
        .query(
            "SELECT " + COLUMNS + " FROM known_issue WHERE repository = ? AND issue_number = ?",
            ROW,
            key(repository),
            number)
        .stream()
        .findFirst();
  }

  private long nextVersion(String key) {
    if (bump(key) == 0) {
      try {
        savepoint.executeWithoutResult(
            status ->
                jdbc.update(
                    "INSERT INTO known_issue_repository (repository, version) VALUES (?, 0)", key));
      } catch (DuplicateKeyException anotherReplicaWasFirst) {
        // its row is there now; bump it below
      }
      bump(key);
    }
    return version(key);
  }

  private int bump(String key) {
    return jdbc.update(
        "UPDATE known_issue_repository SET version = version + 1 WHERE repository = ?", key);
  }

  private static Object[] values(String key, IndexedIssue issue, long version) {
    return new Object[] {
      issue.title(),
      issue.body(),
      issue.state().toGitHub(),
      issue.stateReason() == null ? null : issue.stateReason().toGitHub(),
      labels(issue.labels()),
      issue.authorAssociation(),
      Timestamps.toColumn(issue.createdAt()),
      Timestamps.toColumn(issue.updatedAt()),
      issue.duplicateOf(),
      version,
      key,
      issue.number()
    };
  }

  private static final RowMapper<Row> ROW =
      (rs, row) -> {
        int number = rs.getInt("issue_number");
        boolean removed = rs.getBoolean("removed");
        return new Row(number, removed ? null : issue(rs, number), removed, rs.getLong("version"));
      };

  private static IndexedIssue issue(ResultSet rs, int number) throws SQLException {
    return new IndexedIssue(
        number,
        rs.getString("title"),
        rs.getString("body"),
        IndexedIssue.State.fromGitHub(rs.getString("state")),
        IndexedIssue.StateReason.fromGitHub(rs.getString("state_reason")),
        labels(rs.getString("labels")),
        rs.getString("author_association"),
        Timestamps.fromColumn(rs, "created_at"),
        Timestamps.fromColumn(rs, "updated_at"),
        rs.getObject("duplicate_of", Integer.class));
  }

  private static String labels(List<String> labels) {
    try {
      return IndexChange.Json.MAPPER.writeValueAsString(labels);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("label names are always JSON", e);
    }
  }

  private static List<String> labels(String json) {
    try {
      return IndexChange.Json.MAPPER.readValue(Objects.requireNonNullElse(json, "[]"), LABELS);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("known_issue.labels is not a JSON array: " + json, e);
    }
  }

  /** GitHub names are case-insensitive: one history per repository, whatever the spelling. */
  static String key(String repository) {
    return repository.toLowerCase(Locale.ROOT);
  }
}
