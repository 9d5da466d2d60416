package dev.triagebot.bot.review;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What maintainers said of one signature's suggestions, for a refit: per issue, whether the last
 * verdict accepted it (true) or rejected or objected to it (false). Pending and superseded
 * suggestions say nothing.
 */
public final class SignatureVerdicts {
  private final JdbcTemplate jdbc;

  public SignatureVerdicts(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** By {@code owner/name#number}, the repository in lower case as the known issues hold it. */
  public Map<String, Boolean> of(String signatureId) {
    Map<String, Boolean> verdicts = new LinkedHashMap<>();
    jdbc.query(
        "SELECT repository, issue_number, status FROM review_suggestion"
            + " WHERE signature_id = ? AND status IN ('accepted', 'rejected', 'objected')"
            + " ORDER BY decided_at, id",
        row -> {
          verdicts.put(
              key(row.getString("repository"), row.getInt("issue_number")),
              "accepted".equals(row.getString("status")));
        },
        signatureId);
    return verdicts;
  }

  public static String key(String repository, int number) {
    return repository.toLowerCase(Locale.ROOT) + "#" + number;
  }
}
