package dev.triagebot.bot.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.triagebot.bot.issue.IssueSnapshot;
import dev.triagebot.bot.queue.MigratedDatabase;
import dev.triagebot.bot.queue.MutableClock;
import dev.triagebot.bot.triage.CatalogFiles;
import dev.triagebot.classifier.match.SignatureMatch;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * The feedback store on the embedded H2 and on PostgreSQL (skipped loudly without {@code
 * TRIAGE_TEST_POSTGRES_URL}): each suggestion is recorded whole or not at all, under its own id,
 * and listing suggestions reads their labels in one query however many there are.
 */
class SuggestionsStoreTest {
  static final String REPO = "octo-org/triage-sandbox";
  static final SignatureMatch MATCH =
      new SignatureMatch(
          CatalogFiles.load(null).find("mcp-oauth-token-not-honored").orElseThrow(),
          5.0,
          0.9,
          true,
          List.of());

  final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T12:00:00Z"));
  MigratedDatabase db;

  @AfterEach
  void close() {
    if (db != null) {
      db.close();
    }
  }

  private Suggestions open(String store) {
    db =
        store.equals("postgres") ? MigratedDatabase.postgres("suggestions") : MigratedDatabase.h2();
    return new Suggestions(JdbcClient.create(db.jdbc()), db.transaction(), clock);
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgres"})
  void listingSuggestionsReadsTheirLabelsInOneQueryAndGivesEachItsOwn(String store) {
    Suggestions suggestions = open(store);
    for (int number = 1; number <= 12; number++) {
      suggestions.record(
          issue(number), MATCH, null, null, List.of("area:mcp"), List.of("label-" + number));
    }
    AtomicInteger statements = new AtomicInteger();
    Suggestions counted =
        new Suggestions(
            JdbcClient.create(counting(db.jdbc().getDataSource(), statements)),
            db.transaction(),
            clock);

    List<Suggestion> pending = counted.pending(50);

    assertThat(statements.get()).as("the suggestions, then all their labels").isEqualTo(2);
    assertThat(pending).hasSize(12);
    for (Suggestion suggestion : pending) {
      assertThat(suggestion.labels())
          .extracting(Suggestion.Label::name)
          .containsExactly("area:mcp", "label-" + suggestion.issue().number());
      assertThat(suggestion.botAppliedLabels()).containsExactly("area:mcp");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgres"})
  void aSuggestionWhoseLabelCannotBeStoredLeavesNoHalfRecordedRow(String store) {
    Suggestions suggestions = open(store);
    String tooLong = "area:" + "x".repeat(300);

    assertThatThrownBy(
        () -> suggestions.record(issue(7), MATCH, null, null, List.of(), List.of(tooLong)));

    assertThat(suggestions.current(REPO, 7)).isEmpty();
    assertThat(suggestions.pending(10)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgres"})
  void suggestionsRecordedAtOnceForOneIssueEachGetTheirOwnId(String store) throws Exception {
    Suggestions suggestions = open(store);
    int each = 8;
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<Long>> ids = new ArrayList<>();
    try {
      for (int i = 0; i < each; i++) {
        String label = "label-" + i;
        ids.add(
            pool.submit(
                () -> suggestions.record(issue(7), MATCH, null, null, List.of(), List.of(label))));
      }
      List<Long> recorded = new ArrayList<>();
      for (Future<Long> id : ids) {
        recorded.add(id.get(60, TimeUnit.SECONDS));
      }
      assertThat(recorded).doesNotHaveDuplicates();
      for (int i = 0; i < each; i++) {
        assertThat(suggestions.find(recorded.get(i)).orElseThrow().labels())
            .extracting(Suggestion.Label::name)
            .containsExactly("label-" + i);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static IssueSnapshot issue(int number) {
    return new IssueSnapshot(
        0,
        REPO,
        number,
        "MCP needs authentication after OAuth",
        "",
        List.of(),
        "river-okafor",
        false,
        false,
        "open",
        null);
  }

  /** The data source, counting the statements prepared on its connections. */
  private static DataSource counting(DataSource target, AtomicInteger statements) {
    return new DelegatingDataSource(target) {
      @Override
      public Connection getConnection() throws java.sql.SQLException {
        Connection connection = super.getConnection();
        return (Connection)
            Proxy.newProxyInstance(
                Connection.class.getClassLoader(),
                new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                  if (method.getName().equals("prepareStatement")
                      || method.getName().equals("createStatement")) {
                    statements.incrementAndGet();
                  }
                  try {
                    return method.invoke(connection, args);
                  } catch (java.lang.reflect.InvocationTargetException e) {
                    throw e.getCause();
                  }
                });
      }
    };
  }
}
