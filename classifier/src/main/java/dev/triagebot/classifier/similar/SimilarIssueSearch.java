package dev.triagebot.classifier.similar;

import dev.triagebot.classifier.similar.MoreLikeThisRanking.Ranking;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;

/**
 * Finds the existing issues most similar to one issue ({@link MoreLikeThisRanking}: MoreLikeThis
 * picks the query's most telling terms for title and body separately, BM25 scores them with the
 * title weighted higher); each hit carries a score relative to the query's own and a one-line
 * reason.
 *
 * <p>The relative score divides a hit's BM25 score by the score an exact copy of the query would
 * get, computed from the same index statistics. Raw BM25 scores grow with the length and rarity of
 * the query's words, so a fixed raw threshold means something else for a one-line report than for a
 * long one; the ratio does not.
 */
public final class SimilarIssueSearch {
  private final IssueIndex index;
  private final MoreLikeThisRanking ranking;

  /**
   * How queries are built.
   *
   * @param titleBoost how much a title term counts against a body term
   * @param maxTitleTerms how many of the query's terms are looked for in titles
   * @param maxBodyTerms how many of the query's terms are looked for in bodies
   */
  public record Settings(float titleBoost, int maxTitleTerms, int maxBodyTerms) {
    public Settings {
      if (titleBoost <= 0 || maxTitleTerms < 1 || maxBodyTerms < 1) {
        throw new IllegalArgumentException("search settings must be positive");
      }
    }

    /**
     * Title terms count double: titles are short, written to describe the problem, and two reports
     * of one bug share title words far more often than two unrelated reports do. On the test
     * corpora a boost of 1 loses a vaguely worded duplicate and 3 adds a wrong link. 20 and 30
     * terms cover a report's telling words (12 and 20 score the same there) at a cost that barely
     * shows at 100,000 issues.
     */
    public static Settings defaults() {
      return new Settings(2.0f, 20, 30);
    }
  }

  public SimilarIssueSearch(IssueIndex index) {
    this(index, Settings.defaults());
  }

  public SimilarIssueSearch(IssueIndex index, Settings settings) {
    this.index = index;
    this.ranking = new MoreLikeThisRanking(index.analyzer(), settings);
  }

  /** The most similar issues, best first, at most {@code limit}, never the query's own issue. */
  public List<SimilarIssue> find(IssueQuery query, int limit) {
    return find(query, limit, 0);
  }

  /**
   * The most similar issues, explaining only those whose relative score reaches {@code
   * explainFrom}; the others carry {@link MatchReason#notExplained()}. Explaining is most of the
   * cost of a search, and callers that only link the strongest hits need no more.
   */
  public List<SimilarIssue> find(IssueQuery query, int limit, double explainFrom) {
    if (limit < 1) {
      return List.of();
    }
    return index.withSearcher(searcher -> search(searcher, query, limit, explainFrom));
  }

  private List<SimilarIssue> search(
      IndexSearcher searcher, IssueQuery query, int limit, double explainFrom) throws IOException {
    if (searcher.getIndexReader().numDocs() == 0) {
      return List.of();
    }
    Ranking ranked = ranking.rank(searcher, query, limit);
    ScoreDoc[] explained =
        Arrays.stream(ranked.hits())
            .filter(hit -> ranked.relative(hit) >= explainFrom)
            .toArray(ScoreDoc[]::new);
    Set<String> queryTerms = new HashSet<>();
    ranked.terms().forEach(term -> queryTerms.add(term.term().text()));
    SharedEvidence evidence =
        new SharedEvidence(searcher, index.analyzer(), query.text(), queryTerms);
    List<Map<String, Double>> contributions =
        TermContributions.of(searcher, ranked.terms(), explained);
    List<SimilarIssue> similar = new ArrayList<>(ranked.hits().length);
    StoredFields stored = searcher.storedFields();
    for (int i = 0; i < ranked.hits().length; i++) {
      ScoreDoc hit = ranked.hits()[i];
      IndexedIssue issue = IssueDocuments.fromDocument(stored.document(hit.doc));
      // Hits are sorted by score, so the explained ones are a prefix.
      MatchReason reason =
          i < explained.length
              ? evidence.reasonFor(hit.doc, contributions.get(i))
              : MatchReason.notExplained();
      similar.add(new SimilarIssue(issue, hit.score, ranked.relative(hit), reason));
    }
    return similar;
  }
}
