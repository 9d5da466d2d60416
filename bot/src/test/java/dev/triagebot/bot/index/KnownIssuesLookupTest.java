package dev.triagebot.bot.index;

import static org.assertj.core.api.Assertions.assertThat;

import dev.triagebot.bot.queue.MigratedDatabase;
import dev.triagebot.classifier.similar.IndexedIssue;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The stored rows a batch of changes concerns are found by key, not by reading the repository: the
 * group commit runs this lookup for every batch of deliveries, so a scan made ingress slower with
 * every issue the repository gained (found under load: most of the writer's time in H2's IN-list
 * filter).
 */
class KnownIssuesLookupTest {
  private static final String REPO = "acme/widgets";
  private static final Pattern SCAN_COUNT = Pattern.compile("scanCount: (\\d+)");

  private final MigratedDatabase database = MigratedDatabase.h2();
  private final KnownIssues issues =
      new KnownIssues(database.jdbc(), database.transaction().getTransactionManager());

  @AfterEach
  void close() {
    database.close();
  }

  @Test
  void findingThreeStoredIssuesAmongTwoThousandReadsOnlyThoseRows() {
    // given a repository with 2,000 known issues
    List<IndexChange> history =
        IntStream.rangeClosed(1, 2_000)
            .<IndexChange>mapToObj(
                n ->
                    new IndexChange.Upsert(
                        REPO, IndexedIssue.open(n, "title " + n, "b", List.of())))
            .toList();
    database.transaction().executeWithoutResult(status -> issues.recordAll(REPO, history));

    // when H2 plans and runs the lookup of three of them (one never stored)
    List<Object> pairs = new ArrayList<>();
    for (int number : List.of(7, 1_500, 2_001)) {
      pairs.add(REPO);
      pairs.add(number);
    }
    String plan =
        database
            .jdbc()
            .queryForObject(
                "EXPLAIN ANALYZE " + KnownIssues.storedRowsQuery(3), String.class, pairs.toArray());

    // then it reads the rows it looks for, not the repository's 2,000
    Matcher scanned = SCAN_COUNT.matcher(plan);
    assertThat(scanned.find()).as(plan).isTrue();
    assertThat(Integer.parseInt(scanned.group(1))).as(plan).isLessThanOrEqualTo(4);
    assertThat(database.jdbc().query(KnownIssues.storedRowsQuery(3), (rs, i) -> 1, pairs.toArray()))
        .hasSize(2);
  }
}
