package dev.triagebot.classifier.similar;

import dev.triagebot.classifier.text.IssueText;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TermStates;
import org.apache.lucene.queries.mlt.MoreLikeThis;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.CollectionStatistics;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TermStatistics;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.similarities.Similarity;
import org.apache.lucene.util.SmallFloat;

/**
 * Finds the existing issues most similar to one issue: {@link MoreLikeThis} picks the query's most
 * telling terms for title and body separately, BM25 scores them with the title weighted higher, and
 * each hit carries a score relative to the query's own and a one-line reason.
 *
 * <p>The relative score divides a hit's BM25 score by the score an exact copy of the query would
 * get, computed from the same index statistics. Raw BM25 scores grow with the length and rarity of
 * the query's words, so a fixed raw threshold means something else for a one-line report than for a
 * long one; the ratio does not.
 */
public final class SimilarIssueSearch {
  // Words in more than 5% of the issues (and more than this many) match thousands of documents,
  // cost most to score and tell least; they are not looked for. Small indexes keep every word.
  private static final int COMMON_TERM_FLOOR = 1_000;

  private final IssueIndex index;
  private final Settings settings;
  private final Set<String> stopTerms;

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
    this.settings = settings;
    this.stopTerms = analyzedStopWords(index.analyzer());
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
    List<WeightedTerm> terms = interestingTerms(searcher, query.text());
    double selfScore = selfScore(terms, query.text());
    if (selfScore <= 0) {
      return List.of();
    }
    BooleanQuery.Builder builder = new BooleanQuery.Builder();
    for (WeightedTerm term : terms) {
      builder.add(
          new BoostQuery(new TermQuery(term.term()), term.boost()), BooleanClause.Occur.SHOULD);
    }
    query
        .number()
        .ifPresent(
            self ->
                builder.add(new TermQuery(IssueDocuments.key(self)), BooleanClause.Occur.MUST_NOT));
    TopDocs top = searcher.search(builder.build(), limit);
    ScoreDoc[] explained =
        Arrays.stream(top.scoreDocs)
            .filter(hit -> hit.score / selfScore >= explainFrom)
            .toArray(ScoreDoc[]::new);
    Set<String> queryTerms = new HashSet<>();
    terms.forEach(term -> queryTerms.add(term.term().text()));
    SharedEvidence evidence =
        new SharedEvidence(searcher, index.analyzer(), query.text(), queryTerms);
    List<Map<String, Double>> contributions = TermContributions.of(searcher, terms, explained);
    List<SimilarIssue> similar = new ArrayList<>(top.scoreDocs.length);
    StoredFields stored = searcher.storedFields();
    for (int i = 0; i < top.scoreDocs.length; i++) {
      ScoreDoc hit = top.scoreDocs[i];
      IndexedIssue issue = IssueDocuments.fromDocument(stored.document(hit.doc));
      // Hits are sorted by score, so the explained ones are a prefix.
      MatchReason reason =
          i < explained.length
              ? evidence.reasonFor(hit.doc, contributions.get(i))
              : MatchReason.notExplained();
      similar.add(new SimilarIssue(issue, hit.score, hit.score / selfScore, reason));
    }
    return similar;
  }

  /** The query's terms worth looking for, per field, with MoreLikeThis's tf-idf boosts. */
  private List<WeightedTerm> interestingTerms(IndexSearcher searcher, IssueText text)
      throws IOException {
    MoreLikeThis mlt = new MoreLikeThis(searcher.getIndexReader());
    mlt.setAnalyzer(index.analyzer());
    mlt.setMinTermFreq(1);
    mlt.setMinDocFreq(1);
    mlt.setMinWordLen(2);
    mlt.setStopWords(stopTerms);
    mlt.setMaxDocFreq(Math.max(COMMON_TERM_FLOOR, searcher.getIndexReader().numDocs() / 20));
    mlt.setBoost(true);
    List<WeightedTerm> terms = new ArrayList<>();
    mlt.setMaxQueryTerms(settings.maxTitleTerms());
    collect(
        searcher,
        mlt.like(IssueDocuments.TITLE, reader(text.title()), reader(text.body())),
        settings.titleBoost(),
        terms);
    mlt.setMaxQueryTerms(settings.maxBodyTerms());
    collect(
        searcher,
        mlt.like(IssueDocuments.BODY, reader(text.title()), reader(text.body())),
        1f,
        terms);
    return terms;
  }

  private static void collect(
      IndexSearcher searcher, Query query, float fieldBoost, List<WeightedTerm> into)
      throws IOException {
    if (!(query instanceof BooleanQuery bool)) {
      return;
    }
    for (BooleanClause clause : bool.clauses()) {
      Query inner = clause.getQuery();
      float boost = 1f;
      if (inner instanceof BoostQuery boosted) {
        boost = boosted.getBoost();
        inner = boosted.getQuery();
      }
      if (inner instanceof TermQuery termQuery) {
        Term term = termQuery.getTerm();
        CollectionStatistics collection = searcher.collectionStatistics(term.field());
        TermStates states = TermStates.build(searcher, term, true);
        if (collection == null || states.docFreq() == 0) {
          continue;
        }
        TermStatistics statistics =
            searcher.termStatistics(term, states.docFreq(), states.totalTermFreq());
        float weight = boost * fieldBoost;
        into.add(
            new WeightedTerm(
                term, weight, searcher.getSimilarity().scorer(weight, collection, statistics)));
      }
    }
  }

  /**
   * The BM25 score the query would give a document identical to it, from the same collection
   * statistics Lucene scores the hits with: the sum over the query's terms of the term's score at
   * the query's own frequency and field length.
   */
  private double selfScore(List<WeightedTerm> terms, IssueText text) {
    Map<String, TermCounts> own =
        Map.of(
            IssueDocuments.TITLE,
            TermCounts.of(index.analyzer(), IssueDocuments.TITLE, text.title()),
            IssueDocuments.BODY,
            TermCounts.of(index.analyzer(), IssueDocuments.BODY, text.body()));
    double total = 0;
    for (WeightedTerm term : terms) {
      total += term.score(own.get(term.term().field()));
    }
    return total;
  }

  /** Stop words as the analyzer writes them (stemmed), since MoreLikeThis compares terms. */
  private static Set<String> analyzedStopWords(Analyzer analyzer) {
    Set<String> analyzed = new HashSet<>();
    for (Object word : EnglishAnalyzer.ENGLISH_STOP_WORDS_SET) {
      analyzed.addAll(
          TermCounts.of(analyzer, IssueDocuments.BODY, new String((char[]) word))
              .frequencies()
              .keySet());
    }
    return Set.copyOf(analyzed);
  }

  private static StringReader reader(String text) {
    return new StringReader(text);
  }

  /**
   * A query term, its boost (MoreLikeThis's tf-idf share times the field's weight) and the BM25
   * scorer Lucene uses for it, so that texts outside the index can be scored the same way.
   */
  record WeightedTerm(Term term, float boost, Similarity.SimScorer scorer) {

    /** What this term adds to the score of a field with these counts. */
    double score(TermCounts field) {
      int freq = field.frequency(term.text());
      return freq == 0 ? 0 : scorer.score(freq, SmallFloat.intToByte4(field.length()));
    }
  }
}
