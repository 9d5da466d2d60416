package dev.triagebot.classifier.similar;

import dev.triagebot.classifier.text.IssueText;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
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
import org.apache.lucene.search.similarities.Similarity;
import org.apache.lucene.util.SmallFloat;

/**
 * Ranks the documents of any index of issues (title and body fields) by similarity to one issue:
 * {@link MoreLikeThis} picks the query's most telling terms for title and body separately, BM25
 * scores them with the title weighted higher, and the self score (what an exact copy of the query
 * would get) is returned along, so that hits can be scored relative to it.
 *
 * <p>It needs only an {@link IndexSearcher}: the repository's index on disk and a signature's few
 * examples in memory are searched alike.
 */
final class MoreLikeThisRanking {
  // Words in more than 5% of the issues (and more than this many) match thousands of documents,
  // cost most to score and tell least; they are not looked for. Small indexes keep every word.
  private static final int COMMON_TERM_FLOOR = 1_000;

  private final Analyzer analyzer;
  private final SimilarIssueSearch.Settings settings;
  private final Set<String> stopTerms;

  MoreLikeThisRanking(Analyzer analyzer, SimilarIssueSearch.Settings settings) {
    this.analyzer = analyzer;
    this.settings = settings;
    this.stopTerms = analyzedStopWords(analyzer);
  }

  /**
   * The query's terms, its self score and the best {@code limit} hits; no hits when the self score
   * is not positive. The query's own issue, if numbered, is excluded.
   */
  Ranking rank(IndexSearcher searcher, IssueQuery query, int limit) throws IOException {
    List<WeightedTerm> terms = interestingTerms(searcher, query.text());
    double selfScore = selfScore(terms, query.text());
    if (selfScore <= 0) {
      return new Ranking(terms, selfScore, new ScoreDoc[0]);
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
    return new Ranking(terms, selfScore, searcher.search(builder.build(), limit).scoreDocs);
  }

  /**
   * What a search found.
   *
   * @param terms the query's terms and their BM25 scorers
   * @param selfScore the score an exact copy of the query would get
   * @param hits the best hits, best first
   */
  record Ranking(List<WeightedTerm> terms, double selfScore, ScoreDoc[] hits) {

    /** A hit's score divided by the query's own. */
    double relative(ScoreDoc hit) {
      return hit.score / selfScore;
    }
  }

  /** The query's terms worth looking for, per field, with MoreLikeThis's tf-idf boosts. */
  private List<WeightedTerm> interestingTerms(IndexSearcher searcher, IssueText text)
      throws IOException {
    MoreLikeThis mlt = new MoreLikeThis(searcher.getIndexReader());
    mlt.setAnalyzer(analyzer);
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
            TermCounts.of(analyzer, IssueDocuments.TITLE, text.title()),
            IssueDocuments.BODY,
            TermCounts.of(analyzer, IssueDocuments.BODY, text.body()));
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
