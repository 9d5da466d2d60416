package dev.triagebot.classifier.similar;

import dev.triagebot.classifier.similar.MoreLikeThisRanking.WeightedTerm;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;

/**
 * What each query term added to each hit's BM25 score, read back from the postings and norms the
 * hits were scored with: the words that made a match, without analysing the hits' text again.
 */
final class TermContributions {
  private TermContributions() {}

  /** Per hit (in the order given), each analyzed term's contribution, summed over fields. */
  static List<Map<String, Double>> of(
      IndexSearcher searcher, List<WeightedTerm> terms, ScoreDoc[] hits) throws IOException {
    List<Map<String, Double>> contributions = new ArrayList<>(hits.length);
    for (int i = 0; i < hits.length; i++) {
      contributions.add(new HashMap<>());
    }
    List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
    Integer[] order = new Integer[hits.length];
    for (int i = 0; i < hits.length; i++) {
      order[i] = i;
    }
    // Postings only move forward: visit the hits in document order.
    Arrays.sort(order, (a, b) -> Integer.compare(hits[a].doc, hits[b].doc));
    for (WeightedTerm term : terms) {
      LeafReaderContext leaf = null;
      PostingsEnum postings = null;
      NumericDocValues norms = null;
      for (int index : order) {
        int doc = hits[index].doc;
        LeafReaderContext hitLeaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
        if (hitLeaf != leaf) {
          leaf = hitLeaf;
          postings = postings(leaf, term);
          norms = leaf.reader().getNormValues(term.term().field());
        }
        int local = doc - leaf.docBase;
        if (postings == null || norms == null) {
          continue;
        }
        if (postings.docID() < local) {
          postings.advance(local);
        }
        if (postings.docID() == local && norms.advanceExact(local)) {
          double score = term.scorer().score(postings.freq(), norms.longValue());
          contributions.get(index).merge(term.term().text(), score, Double::sum);
        }
      }
    }
    return contributions;
  }

  private static PostingsEnum postings(LeafReaderContext leaf, WeightedTerm term)
      throws IOException {
    var terms = leaf.reader().terms(term.term().field());
    if (terms == null) {
      return null;
    }
    TermsEnum iterator = terms.iterator();
    return iterator.seekExact(term.term().bytes())
        ? iterator.postings(null, PostingsEnum.FREQS)
        : null;
  }
}
