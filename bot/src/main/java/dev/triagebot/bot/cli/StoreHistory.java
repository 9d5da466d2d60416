package dev.triagebot.bot.cli;

import dev.triagebot.bot.index.KnownIssues;
import dev.triagebot.bot.review.SignatureVerdicts;
import dev.triagebot.classifier.eval.HistoryRecord;
import dev.triagebot.classifier.similar.IndexedIssue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * What a deployment's store learned, for {@code fit --from-store}: every known issue of every
 * repository (named {@code owner/name#number}) and maintainers' verdicts on a signature's
 * suggestions.
 */
record StoreHistory(List<HistoryRecord> issues, Map<String, Boolean> verdicts) {
  private static final int PAGE = 500;

  static StoreHistory read(
      JdbcTemplate jdbc, PlatformTransactionManager transactions, String signatureId) {
    KnownIssues known = new KnownIssues(jdbc, transactions);
    List<HistoryRecord> issues = new ArrayList<>();
    for (String repository : known.repositories()) {
      for (IndexedIssue issue : known.current(repository, PAGE)) {
        issues.add(HistoryRecord.of(SignatureVerdicts.key(repository, issue.number()), issue));
      }
    }
    return new StoreHistory(issues, new SignatureVerdicts(jdbc).of(signatureId));
  }
}
