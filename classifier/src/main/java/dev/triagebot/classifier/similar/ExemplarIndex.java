package dev.triagebot.classifier.similar;

import dev.triagebot.classifier.catalog.Exemplar;
import dev.triagebot.classifier.text.IssueAnalyzer;
import dev.triagebot.classifier.text.IssueText;
import dev.triagebot.classifier.text.ReportText;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.NoMergePolicy;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * A signature's known instances and look-alikes in a small in-memory Lucene index, so that a new
 * report's closeness to each is evidence: the same MoreLikeThis/BM25 search, with scores relative
 * to the report's own, that finds similar issues in a repository.
 *
 * <p>The examples are one segment in memory, written by an {@link IndexWriter} in list order, so a
 * hit's document id is its example's position. One segment, not a one-document {@link
 * org.apache.lucene.index.memory.MemoryIndex} per example under a {@code MultiReader}, which gave
 * the same statistics and scores: there every search and every term look-up ran once per example,
 * and each search's bulk scorer allocated its buffers per example, about 4 MB of garbage for every
 * report a worker matched. The writer costs a fresh JVM, i.e. the command line, about 0.2 s more to
 * build it than the in-memory indexes did.
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
    for (Exemplar exemplar : this.exemplars) {
      // Indexed as reports are matched: without the issue form's boilerplate.
      cleanBodies.add(ReportText.clean(exemplar.body()));
    }
    try {
      this.searcher = new IndexSearcher(oneSegment(this.exemplars, cleanBodies, analyzer));
    } catch (IOException e) {
      throw new UncheckedIOException("in-memory index failed", e);
    }
    this.ranking = new MoreLikeThisRanking(analyzer, SEARCH);
  }

  /**
   * The examples' titles and cleaned bodies as one segment: one flush, since no merge runs and the
   * buffer holds them all, so document ids follow the list.
   */
  private static DirectoryReader oneSegment(
      List<Exemplar> exemplars, List<String> cleanBodies, IssueAnalyzer analyzer)
      throws IOException {
    ByteBuffersDirectory directory = new ByteBuffersDirectory();
    IndexWriterConfig config =
        new IndexWriterConfig(analyzer)
            .setMergePolicy(NoMergePolicy.INSTANCE)
            .setMaxBufferedDocs(Math.max(2, exemplars.size()))
            .setRAMBufferSizeMB(IndexWriterConfig.DISABLE_AUTO_FLUSH);
    try (IndexWriter writer = new IndexWriter(directory, config)) {
      for (int i = 0; i < exemplars.size(); i++) {
        Document document = new Document();
        IssueDocuments.addText(
            document, exemplars.get(i).title(), cleanBodies.get(i), Field.Store.NO);
        writer.addDocument(document);
      }
    }
    return DirectoryReader.open(directory);
  }

  /** How many segments a search reads: one per example would cost a bulk scorer each. */
  int segments() {
    return searcher.getIndexReader().leaves().size();
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
