package dev.triagebot.bot.index;

import dev.triagebot.bot.queue.Timestamps;
import java.time.Clock;
import java.util.List;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Issues one replica's index could not take after {@link IndexUpkeep#MAX_ATTEMPTS} tries, in {@code
 * similar_index_parked}: parked so that the repository's later changes go on there. They concern
 * only that replica; deleting its index directory rebuilds it from the store.
 */
public class ParkedIssues {
  private static final int MAX_ERROR = 2000;

  private final JdbcTemplate jdbc;
  private final Clock clock;

  public ParkedIssues(JdbcTemplate jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /**
   * An issue given up on by one replica.
   *
   * @param replica the replica ({@link ReplicaName})
   * @param repository {@code owner/name}, lower case
   * @param number the issue
   * @param version the repository version of the row that failed
   * @param attempts how often it failed
   * @param error why it failed the last time
   */
  public record Parked(
      String replica, String repository, int number, long version, int attempts, String error) {}

  public void park(Parked parked) {
    String error = parked.error();
    try {
      jdbc.update(
          "INSERT INTO similar_index_parked (replica, repository, issue_number, version, attempts,"
              + " last_error, parked_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
          parked.replica(),
          parked.repository(),
          parked.number(),
          parked.version(),
          parked.attempts(),
          error.length() > MAX_ERROR ? error.substring(0, MAX_ERROR) : error,
          Timestamps.toColumn(clock.instant()));
    } catch (DuplicateKeyException parkedBeforeACrash) {
      // the same row was parked by this replica before it stopped; once is enough
    }
  }

  /** What this replica parked, oldest first. */
  public List<Parked> of(String replica) {
    return jdbc.query(
        "SELECT replica, repository, issue_number, version, attempts, last_error"
            + " FROM similar_index_parked WHERE replica = ? ORDER BY parked_at, repository, version",
        (rs, row) ->
            new Parked(
                rs.getString("replica"),
                rs.getString("repository"),
                rs.getInt("issue_number"),
                rs.getLong("version"),
                rs.getInt("attempts"),
                rs.getString("last_error")),
        replica);
  }
}
