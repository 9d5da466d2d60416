package dev.triagebot.classifier.similar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.triagebot.classifier.catalog.Exemplar;
import dev.triagebot.classifier.catalog.SignatureCatalog;
import dev.triagebot.classifier.text.IssueText;
import dev.triagebot.classifier.text.ReportText;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The exemplar index is one in-memory segment; its similarities must be those of the repository
 * search over an index on disk, to the last bit.
 */
class ExemplarIndexTest {

  /**
   * A segment per example (one-document in-memory indexes under a multi-reader) scored the same but
   * made every search allocate a bulk scorer's buffers per example: about 4 MB for each report a
   * worker matched, which kept the collector busy while the workers drained a backlog.
   */
  @Test
  void allTheExamplesAreSearchedAsOneSegment() {
    List<Exemplar> exemplars = shippedExemplars();
    assertThat(exemplars).hasSizeGreaterThan(10);
    try (ExemplarIndex index = new ExemplarIndex(exemplars)) {
      assertThat(index.segments()).isEqualTo(1);
    }
  }

  @Test
  void scoresEveryExampleExactlyAsAWrittenIndexDoes() {
    List<Exemplar> exemplars = shippedExemplars();
    List<IssueText> queries = new ArrayList<>();
    for (Exemplar exemplar : exemplars) {
      queries.add(new IssueText(exemplar.title(), ReportText.clean(exemplar.body())));
    }
    // Cut short, a report is still long enough to be compared but no longer identical to its own.
    for (Exemplar exemplar : exemplars) {
      String body = ReportText.clean(exemplar.body());
      queries.add(new IssueText(exemplar.title(), body.substring(0, body.length() / 2)));
    }

    try (ExemplarIndex index = new ExemplarIndex(exemplars);
        IssueIndex written = IssueIndex.inMemory()) {
      List<IndexedIssue> documents = new ArrayList<>();
      for (int i = 0; i < exemplars.size(); i++) {
        documents.add(
            IndexedIssue.open(
                i + 1, queries.get(i).title(), queries.get(i).body(), List.<String>of()));
      }
      written.upsertAll(documents);
      SimilarIssueSearch search = new SimilarIssueSearch(written, ExemplarIndex.SEARCH);

      int compared = 0;
      for (IssueText query : queries) {
        ExemplarSimilarity similarity = index.similarity(query);
        if (similarity.equals(ExemplarSimilarity.NONE)) {
          continue;
        }
        assertThat(similarity).isEqualTo(nearest(search, exemplars, queries, query));
        compared++;
      }
      assertThat(compared).isGreaterThan(exemplars.size());
    }
  }

  /**
   * The matcher is shared by the service's workers, which can all ask a fresh index at once. When
   * the examples were {@code MemoryIndex}es, which sort their terms on first use unless frozen, two
   * threads sorting together corrupted one for good: every job of a load run failed with "Index -1
   * out of bounds" until the process was restarted.
   */
  @Test
  void aFreshIndexAnswersThreadsThatAskAtOnceAsItAnswersOne() throws Exception {
    List<Exemplar> exemplars = shippedExemplars();
    Exemplar first = exemplars.get(0);
    IssueText query = new IssueText(first.title(), ReportText.clean(first.body()) + " again");
    ExemplarSimilarity expected;
    try (ExemplarIndex index = new ExemplarIndex(exemplars)) {
      expected = index.similarity(query);
    }
    assertThat(expected).isNotEqualTo(ExemplarSimilarity.NONE);

    int threads = 4;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      for (int round = 0; round < 40; round++) {
        try (ExemplarIndex index = new ExemplarIndex(exemplars)) {
          CyclicBarrier together = new CyclicBarrier(threads);
          List<Future<ExemplarSimilarity>> answers = new ArrayList<>();
          for (int t = 0; t < threads; t++) {
            answers.add(
                pool.submit(
                    () -> {
                      together.await();
                      return index.similarity(query);
                    }));
          }
          for (Future<ExemplarSimilarity> answer : answers) {
            assertThat(answer.get(30, TimeUnit.SECONDS)).isEqualTo(expected);
          }
          assertThat(index.similarity(query)).isEqualTo(expected);
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static List<Exemplar> shippedExemplars() {
    return SignatureCatalog.load(Path.of("../config/signatures")).signatures().stream()
        .filter(s -> !s.exemplars().isEmpty())
        .findFirst()
        .orElseThrow()
        .exemplars();
  }

  /** The nearest instance and look-alike other than the query itself, as the written index sees. */
  private static ExemplarSimilarity nearest(
      SimilarIssueSearch search, List<Exemplar> exemplars, List<IssueText> texts, IssueText query) {
    ExemplarSimilarity.Nearest nearest = new ExemplarSimilarity.Nearest();
    for (SimilarIssue hit :
        search.find(IssueQuery.unnumbered(query), ExemplarIndex.NEIGHBOURS, Double.MAX_VALUE)) {
      int i = hit.issue().number() - 1;
      if (!texts.get(i).equals(query)) {
        nearest.offer(exemplars.get(i), hit.relativeScore());
      }
    }
    return nearest.result();
  }
}
