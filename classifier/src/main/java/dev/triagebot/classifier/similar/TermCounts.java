package dev.triagebot.classifier.similar;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * How often each analyzed term occurs in one field's text, and the field's length in terms: what
 * BM25 needs to score a text that is not in the index.
 */
record TermCounts(Map<String, Integer> frequencies, int length) {

  static TermCounts of(Analyzer analyzer, String field, String text) {
    Map<String, Integer> frequencies = new HashMap<>();
    int length = 0;
    try (TokenStream stream = analyzer.tokenStream(field, text)) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      stream.reset();
      while (stream.incrementToken()) {
        frequencies.merge(term.toString(), 1, Integer::sum);
        length++;
      }
      stream.end();
    } catch (IOException e) {
      throw new IllegalStateException("analyzing text in memory cannot fail", e);
    }
    return new TermCounts(Map.copyOf(frequencies), length);
  }

  int frequency(String term) {
    return frequencies.getOrDefault(term, 0);
  }
}
