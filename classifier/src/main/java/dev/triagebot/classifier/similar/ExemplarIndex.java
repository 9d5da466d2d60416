package dev.triagebot.classifier.similar;

import dev.triagebot.classifier.catalog.Exemplar;
import dev.triagebot.classifier.text.IssueAnalyzer;
import dev.triagebot.classifier.text.IssueText;
import dev.triagebot.classifier.text.ReportText;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.MultiReader;
import org.apache.lucene.index.memory.MemoryIndex;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;

/**
 * A signature's known instances and look-alikes in a small in-memory Lucene index, so that a new
 * report's closeness to each is evidence: the same MoreLikeThis/BM25 search, with scores relative
 * to the report's own, that finds similar issues in a repository.
 *
 * <p>Each example is a one-document {@link MemoryIndex}, and a {@link MultiReader} over them is the
 * index: its term and collection statistics are the sums over the examples, the same as one segment
 * written by an {@code IndexWriter} holds, so the scores are too. It is built at every start of the
 * command line, and an {@code IndexWriter} with its codecs more than doubled the time that takes.
 */
public final class ExemplarIndex implements AutoCloseable {
  /** Enough neighbours that the nearest instance and the nearest look-alike are both among them. */
  static final int NEIGHBOURS = 10;

  /**
   * Fewer query terms than a repository search: a few dozen examples need only a report's most
   * telling words, and the search runs on every issue the matcher sees.
   */
  static final SimilarIssueSearch.Settings SEARCH = new SimilarIssueSearch.Settings(2.0f, 8, 12);

  /**
   * A report this short has too few words for a similarity to mean anything: against a few dozen
   * examples a one-word title scores like a near copy.
   */
  private static final int MIN_WORDS = 12;

  private final List<Exemplar> exemplars;
  private final List<String> cleanBodies = new ArrayList<>();
  private final IssueAnalyzer analyzer = new IssueAnalyzer();
  private final IndexSearcher searcher;
  private final MoreLikeThisRanking ranking;

  public ExemplarIndex(List<Exemplar> exemplars) {
    this.exemplars = List.copyOf(exemplars);
    IndexReader[] documents = new IndexReader[this.exemplars.size()];
    for (int i = 0; i < documents.length; i++) {
      Exemplar exemplar = this.exemplars.get(i);
      // Indexed as reports are matched: without the issue form's boilerplate.
      cleanBodies.add(ReportText.clean(exemplar.body()));
      MemoryIndex document = new MemoryIndex();
      document.addField(IssueDocuments.TITLE, exemplar.title(), analyzer);
      document.addField(IssueDocuments.BODY, cleanBodies.get(i), analyzer);
      // Sorts its terms now: unfrozen, it sorts them on first use, and the service's workers
      // share this index; two sorting at once corrupted it for good.
      document.freeze();
      documents[i] = document.createSearcher().getIndexReader();
    }
    try {
      // A document's id is its example's position in the list.
      this.searcher = new IndexSearcher(new MultiReader(documents));
    } catch (IOException e) {
      throw new UncheckedIOException("in-memory index failed", e);
    }
    this.ranking = new MoreLikeThisRanking(analyzer, SEARCH);
  }

  /**
   * How close the text (its body already cleaned of the issue form) is to the nearest instance and
   * the nearest look-alike. An exemplar with the very same text is skipped: a report is no evidence
   * for itself.
   */
  public ExemplarSimilarity similarity(IssueText text) {
    if (exemplars.isEmpty() || words(text) < MIN_WORDS) {
      return ExemplarSimilarity.NONE;
    }
    MoreLikeThisRanking.Ranking ranked;
    try {
      ranked = ranking.rank(searcher, IssueQuery.unnumbered(text), NEIGHBOURS);
    } catch (IOException e) {
      throw new UncheckedIOException("in-memory index failed", e);
    }
    // No hit is explained: only the scores are needed.
    ExemplarSimilarity.Nearest nearest = new ExemplarSimilarity.Nearest();
    for (ScoreDoc hit : ranked.hits()) {
      Exemplar exemplar = exemplars.get(hit.doc);
      if (exemplar.title().equals(text.title()) && cleanBodies.get(hit.doc).equals(text.body())) {
        continue;
      }
      nearest.offer(exemplar, ranked.relative(hit));
    }
    return nearest.result();
  }

  private static int words(IssueText text) {
    String all = (text.title() + " " + text.body()).strip();
    return all.isEmpty() ? 0 : all.split("\\s+").length;
  }

  @Override
  public void close() {
    try (analyzer) {
      searcher.getIndexReader().close();
    } catch (IOException e) {
      throw new UncheckedIOException("closing an in-memory index", e);
    }
  }
}
