package dev.triagebot.classifier.match;

import dev.triagebot.classifier.catalog.Facet;
import dev.triagebot.classifier.catalog.Signal;
import dev.triagebot.classifier.catalog.Signature;
import dev.triagebot.classifier.catalog.SignatureCatalog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.memory.MemoryIndex;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Matches;
import org.apache.lucene.search.MatchesIterator;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Weight;

/**
 * Matches one issue against every signature of a catalog, the way Lucene's monitor module does: the
 * signatures' queries are stored, each incoming issue becomes a one-document {@link MemoryIndex},
 * and every query is run against it. What matched, and where, is read back through Lucene's {@link
 * Matches} API so that each result explains itself.
 *
 * <p>Confidence is a probability-like number, comparable across signatures: each facet's strength
 * is the noisy-OR of the weights of the signals that fired for it ({@code 1 - Π(1 - w)}), the
 * confidence is the product of the facet strengths (every facet is necessary), and each exclusion
 * that fires multiplies it by {@code 1 - w}.
 */
public final class SignatureMatcher implements AutoCloseable {
  private static final int MAX_QUOTE = 120;
  private static final int OFFSET_GAP = new IssueAnalyzer().getOffsetGap(IssueFields.TEXT);

  private final SignatureCatalog catalog;
  private final IssueAnalyzer analyzer = new IssueAnalyzer();

  public SignatureMatcher(SignatureCatalog catalog) {
    this.catalog = catalog;
  }

  /** The signatures this issue matches, highest confidence first. */
  public List<SignatureMatch> match(IssueText issue) {
    return score(issue).stream().filter(SignatureMatch::matched).toList();
  }

  /** Every signature's score for this issue, matched or not, highest confidence first. */
  public List<SignatureMatch> score(IssueText issue) {
    IssueDocument document = new IssueDocument(issue);
    List<SignatureMatch> results = new ArrayList<>();
    for (Signature signature : catalog.signatures()) {
      results.add(score(signature, document));
    }
    results.sort(Comparator.comparingDouble(SignatureMatch::confidence).reversed());
    return results;
  }

  private SignatureMatch score(Signature signature, IssueDocument document) {
    List<Evidence> evidence = new ArrayList<>();
    double confidence = 1;
    boolean everyFacetShown = true;
    for (Facet facet : signature.evidence().facets()) {
      double absent = 1;
      for (Signal signal : facet.signals()) {
        for (Evidence hit : document.hits(signal, Evidence.Kind.SIGNAL)) {
          evidence.add(hit);
          absent *= 1 - signal.weight();
        }
      }
      everyFacetShown &= absent < 1;
      confidence *= 1 - absent;
    }
    for (Signal exclusion : signature.evidence().exclusions()) {
      List<Evidence> hits = document.hits(exclusion, Evidence.Kind.EXCLUSION);
      if (!hits.isEmpty()) {
        evidence.add(hits.get(0));
        confidence *= 1 - exclusion.weight();
      }
    }
    double score = evidence.stream().mapToDouble(Evidence::weight).sum();
    evidence.sort(Comparator.comparingDouble((Evidence e) -> Math.abs(e.weight())).reversed());
    boolean matched = everyFacetShown && confidence >= signature.thresholds().match();
    return new SignatureMatch(signature, score, confidence, matched, evidence);
  }

  @Override
  public void close() {
    analyzer.close();
  }

  /**
   * One issue as a single-document in-memory index: title and body are two values of one field, so
   * each signal's query runs once and the offsets of its matches tell which field they are in.
   */
  private final class IssueDocument {
    private final String title;
    private final String body;
    private final IndexSearcher searcher;

    IssueDocument(IssueText issue) {
      title = issue.title();
      body = ReportText.clean(issue.body());
      MemoryIndex index = new MemoryIndex(true, false);
      index.addField(IssueFields.TEXT, title, analyzer);
      index.addField(IssueFields.TEXT, body, analyzer);
      searcher = index.createSearcher();
    }

    /** The first match of the signal in each of its fields where it fires. */
    List<Evidence> hits(Signal signal, Evidence.Kind kind) {
      double weight = kind == Evidence.Kind.EXCLUSION ? -signal.weight() : signal.weight();
      Map<String, Evidence> firstPerField = new LinkedHashMap<>();
      try {
        Weight compiled =
            searcher.createWeight(
                searcher.rewrite(signal.compiled()), ScoreMode.COMPLETE_NO_SCORES, 1);
        Matches matches = compiled.matches(searcher.getIndexReader().leaves().get(0), 0);
        MatchesIterator spans = matches == null ? null : matches.getMatches(IssueFields.TEXT);
        while (spans != null && spans.next() && firstPerField.size() < signal.fields().size()) {
          // The body's offsets follow the title's, one offset gap later.
          boolean inTitle = spans.startOffset() < title.length();
          String field = inTitle ? IssueFields.TITLE : IssueFields.BODY;
          if (signal.fields().contains(field) && !firstPerField.containsKey(field)) {
            int shift = inTitle ? 0 : title.length() + OFFSET_GAP;
            String text = inTitle ? title : body;
            String quote =
                quote(wholeWords(text, spans.startOffset() - shift, spans.endOffset() - shift));
            firstPerField.put(field, new Evidence(signal.name(), kind, field, quote, weight));
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("in-memory index failed", e);
      }
      return IssueFields.ALL.stream()
          .filter(firstPerField::containsKey)
          .map(firstPerField::get)
          .toList();
    }
  }

  /** The matched span widened to whole words: char filters can shift offsets by a character. */
  private static String wholeWords(String text, int start, int end) {
    int from = Math.max(0, Math.min(start, text.length()));
    int to = Math.min(text.length(), Math.max(from, end));
    while (from > 0 && !Character.isWhitespace(text.charAt(from - 1))) {
      from--;
    }
    while (to < text.length() && Character.isLetterOrDigit(text.charAt(to))) {
      to++;
    }
    return text.substring(from, to);
  }

  /**
   * The words as one short line, without quote marks, backticks or emphasis: a match often starts
   * or ends inside them, and half of a pair reads as a typo in the bot's comment.
   */
  private static String quote(String text) {
    String oneLine = text.replaceAll("[`'\"“”‘’*_]+(?=\\s|$)|(?<=^|\\s)[`'\"“”‘’*_]+", "");
    oneLine = oneLine.replaceAll("[`\"“”*]", "").replaceAll("\\s+", " ").strip();
    return oneLine.length() <= MAX_QUOTE ? oneLine : oneLine.substring(0, MAX_QUOTE - 1) + "…";
  }
}
