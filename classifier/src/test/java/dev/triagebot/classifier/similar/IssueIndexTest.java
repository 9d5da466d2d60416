package dev.triagebot.classifier.similar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.triagebot.classifier.eval.HistoryRecord;
import dev.triagebot.classifier.similar.IndexedIssue.State;
import dev.triagebot.classifier.similar.IndexedIssue.StateReason;
import dev.triagebot.classifier.text.IssueText;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IssueIndexTest {
  private static final Instant T0 = Instant.parse("2025-06-01T10:00:00Z");

  @TempDir Path dir;

  @Test
  void anOpenedIssueIsFoundAndAnEditReplacesIt() {
    try (IssueIndex index = IssueIndex.open(dir)) {
      IndexedIssue opened = issue(7, "Crash on start", "stack trace", T0);
      IndexedIssue edited =
          issue(7, "Crash on start with --resume", "stack trace attached", T0.plusSeconds(60));

      assertThat(index.upsert(opened)).isEqualTo(IssueIndex.Change.ADDED);
      assertThat(index.upsert(edited)).isEqualTo(IssueIndex.Change.UPDATED);

      assertThat(index.size()).isEqualTo(1);
      assertThat(index.find(7)).contains(edited);
    }
  }

  @Test
  void closingAndLabellingStoreTheWholeCurrentRecord() {
    try (IssueIndex index = IssueIndex.open(dir)) {
      IndexedIssue opened = issue(7, "Crash", "body", T0);
      index.upsert(opened);
      IndexedIssue closed =
          new IndexedIssue(
              7,
              "Crash",
              "body",
              State.CLOSED,
              StateReason.DUPLICATE,
              List.of("area:tui", "bug"),
              "MEMBER",
              T0,
              T0.plusSeconds(120),
              3);

      index.upsert(closed);

      assertThat(index.find(7)).contains(closed);
    }
  }

  @Test
  void anUpdateOlderThanTheIndexedRecordIsIgnored() {
    try (IssueIndex index = IssueIndex.open(dir)) {
      IndexedIssue newer = issue(7, "New title", "body", T0.plusSeconds(60));
      index.upsert(newer);

      assertThat(index.upsert(issue(7, "Old title", "body", T0)))
          .isEqualTo(IssueIndex.Change.STALE);
      assertThat(index.find(7)).contains(newer);
    }
  }

  @Test
  void aRedeliveredEventWritesNothing() {
    try (IssueIndex index = IssueIndex.open(dir)) {
      IndexedIssue issue = issue(7, "Crash", "body", T0);
      index.upsert(issue);

      assertThat(index.upsert(issue)).isEqualTo(IssueIndex.Change.UNCHANGED);
      assertThat(index.upsertAll(List.of(issue))).isEqualTo(new IssueIndex.BatchResult(0, 0, 1, 0));
    }
  }

  @Test
  void aBatchCountsWhatItDidAndTheLastRecordOfANumberWins() {
    try (IssueIndex index = IssueIndex.open(dir)) {
      index.upsert(issue(1, "one", "", T0.plusSeconds(60)));
      index.upsert(issue(2, "two", "", T0));

      IssueIndex.BatchResult result =
          index.upsertAll(
              List.of(
                  issue(1, "one, older", "", T0),
                  issue(2, "two, edited", "", T0.plusSeconds(5)),
                  issue(3, "three", "", T0),
                  issue(3, "three, edited", "", T0.plusSeconds(9))));

      assertThat(result).isEqualTo(new IssueIndex.BatchResult(1, 1, 0, 1));
      assertThat(index.find(3).orElseThrow().title()).isEqualTo("three, edited");
      assertThat(index.find(1).orElseThrow().title()).isEqualTo("one");
    }
  }

  @Test
  void aDeletedIssueIsNeitherFoundNorSimilar() {
    try (IssueIndex index = IssueIndex.open(dir)) {
      index.upsert(issue(7, "spawn npx ENOENT on Windows", "Error: spawn npx ENOENT", T0));
      index.upsert(issue(8, "Flicker", "terminal flickers", T0));

      assertThat(index.delete(7)).isTrue();
      assertThat(index.delete(7)).isFalse();

      assertThat(index.find(7)).isEmpty();
      assertThat(
              new SimilarIssueSearch(index)
                  .find(IssueQuery.unnumbered(new IssueText("npx ENOENT", "spawn npx ENOENT")), 5))
          .isEmpty();
    }
  }

  @Test
  void theIndexIsStillThereAfterReopening() {
    List<IndexedIssue> history = SimilarCorpora.history();
    try (IssueIndex index = IssueIndex.open(dir)) {
      index.upsertAll(history);
    }

    try (IssueIndex reopened = IssueIndex.open(dir)) {
      assertThat(reopened.size()).isEqualTo(history.size());
      assertThat(reopened.find(60260)).contains(byNumber(history, 60260));
    }
  }

  @Test
  void rebuildingGivesTheSameSearchResultsAsIncrementalUpkeep() {
    List<IndexedIssue> history = SimilarCorpora.history();
    // In memory: the comparison is about statistics, and a commit per event on disk is slow.
    try (IssueIndex incremental = IssueIndex.inMemory();
        IssueIndex rebuilt = IssueIndex.inMemory()) {
      for (IndexedIssue event : eventsLeadingTo(history)) {
        if (event.title().equals(DELETE)) {
          incremental.delete(event.number());
        } else {
          incremental.upsert(event);
        }
      }
      rebuilt.rebuild(history);

      assertThat(incremental.size()).isEqualTo(rebuilt.size()).isEqualTo(history.size());
      for (IndexedIssue issue : history) {
        assertThat(incremental.find(issue.number())).contains(issue);
      }
      // Deleted documents count in term statistics until merged away; compaction removes them.
      incremental.compact();
      SimilarIssueSearch incrementalSearch = new SimilarIssueSearch(incremental);
      SimilarIssueSearch rebuiltSearch = new SimilarIssueSearch(rebuilt);
      for (HistoryRecord record : SimilarCorpora.dataset()) {
        IssueQuery query = IssueQuery.unnumbered(record.text());
        List<SimilarIssue> expected = rebuiltSearch.find(query, 10);
        List<SimilarIssue> actual = incrementalSearch.find(query, 10);
        assertThat(actual)
            .extracting(hit -> hit.issue().number())
            .as(record.id())
            .containsExactlyElementsOf(expected.stream().map(hit -> hit.issue().number()).toList());
        for (int i = 0; i < expected.size(); i++) {
          assertThat(actual.get(i).score()).isCloseTo(expected.get(i).score(), within(1e-4));
          assertThat(actual.get(i).reason()).isEqualTo(expected.get(i).reason());
        }
      }
    }
  }

  @Test
  void aRebuildThatFailsHalfwayLeavesTheLastCommitAsItWas() {
    List<IndexedIssue> history = SimilarCorpora.history();
    try (IssueIndex index = IssueIndex.open(dir)) {
      index.upsertAll(history);
      Iterable<IndexedIssue> failing =
          () ->
              new Iterator<>() {
                private int served;

                @Override
                public boolean hasNext() {
                  return true;
                }

                @Override
                public IndexedIssue next() {
                  if (served++ == 5) {
                    throw new IllegalStateException("the source went away");
                  }
                  return issue(100_000 + served, "partial", "", T0);
                }
              };

      assertThatThrownBy(() -> index.rebuild(failing)).hasMessage("the source went away");
      assertThatThrownBy(index::size).hasMessageContaining("is closed");
    }

    try (IssueIndex reopened = IssueIndex.open(dir)) {
      assertThat(reopened.size()).isEqualTo(history.size());
      assertThat(reopened.find(100_001)).isEmpty();
    }
  }

  @Test
  void anIndexWrittenWithAnotherSchemaIsRefusedWithAClearMessage() throws Exception {
    try (FSDirectory directory = FSDirectory.open(dir);
        IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig())) {
      writer.setLiveCommitData(Map.of("triagebot.similar.schema", "0").entrySet());
      writer.commit();
    }

    assertThatThrownBy(() -> IssueIndex.open(dir))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(dir.toString())
        .hasMessageContaining("schema 0")
        .hasMessageContaining("backfill");
  }

  @Test
  void aClosedIndexRefusesWork() {
    IssueIndex index = IssueIndex.open(dir);
    index.close();
    index.close();

    assertThatThrownBy(() -> index.upsert(issue(1, "t", "b", T0)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
  }

  private static final String DELETE = "\u0000delete";

  /**
   * The webhook events a repository's issues went through, as the upserts and deletes they become:
   * opened as a draft, edited, labelled one label at a time, closed, sometimes reopened and closed
   * again; plus issues opened and then deleted or transferred away.
   */
  private static List<IndexedIssue> eventsLeadingTo(List<IndexedIssue> history) {
    List<IndexedIssue> events = new ArrayList<>();
    int spam = 990_000;
    for (IndexedIssue last : history) {
      Instant created = last.createdAt();
      Instant at = created;
      boolean drafted = last.number() % 3 == 0;
      IndexedIssue current =
          new IndexedIssue(
              last.number(),
              drafted ? last.title() + " (draft)" : last.title(),
              drafted ? last.body().substring(0, last.body().length() / 2) : last.body(),
              State.OPEN,
              null,
              List.of(),
              last.authorAssociation(),
              created,
              at,
              null);
      events.add(current);
      if (drafted) {
        at = at.plus(Duration.ofMinutes(1));
        current = copy(current, last.title(), last.body(), current.labels(), at);
        events.add(current);
      }
      List<String> labels = last.labels();
      if (!labels.isEmpty()) {
        at = at.plus(Duration.ofMinutes(1));
        current = copy(current, current.title(), current.body(), labels, at);
        events.add(current);
      }
      if (last.state() == State.CLOSED && last.number() % 2 == 0) {
        at = at.plus(Duration.ofMinutes(1));
        events.add(
            copy(current, current.title(), current.body(), labels, at)
                .withState(State.CLOSED, StateReason.COMPLETED, null));
        at = at.plus(Duration.ofMinutes(1));
        events.add(
            copy(current, current.title(), current.body(), labels, at)
                .withState(State.OPEN, StateReason.REOPENED, null));
      }
      events.add(last);
      if (last.number() % 10 == 0) {
        events.add(issue(++spam, "free tokens " + spam, "click here " + last.title(), at));
        events.add(issue(spam, DELETE, "", at));
      }
    }
    return events;
  }

  private static IndexedIssue copy(
      IndexedIssue issue, String title, String body, List<String> labels, Instant updatedAt) {
    return new IndexedIssue(
        issue.number(),
        title,
        body,
        issue.state(),
        issue.stateReason(),
        labels,
        issue.authorAssociation(),
        issue.createdAt(),
        updatedAt,
        issue.duplicateOf());
  }

  private static IndexedIssue issue(int number, String title, String body, Instant updatedAt) {
    return new IndexedIssue(
        number, title, body, State.OPEN, null, List.of(), "NONE", T0, updatedAt, null);
  }

  private static IndexedIssue byNumber(List<IndexedIssue> issues, int number) {
    return issues.stream().filter(issue -> issue.number() == number).findFirst().orElseThrow();
  }
}
