package dev.triagebot.classifier.match;

import dev.triagebot.classifier.catalog.Facet;
import dev.triagebot.classifier.catalog.Signal;
import dev.triagebot.classifier.catalog.Signature;
import dev.triagebot.classifier.catalog.SignatureCatalog;
import dev.triagebot.classifier.similar.ExemplarIndex;
import dev.triagebot.classifier.similar.ExemplarSimilarity;
import dev.triagebot.classifier.text.IssueAnalyzer;
import dev.triagebot.classifier.text.IssueFields;
import dev.triagebot.classifier.text.IssueText;
import dev.triagebot.classifier.text.ReportText;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
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
 * Matches} API so that each result explains itself. Each signature's known instances and
 * look-alikes sit in an {@link ExemplarIndex}, and the issue's closeness to them is evidence too.
 *
 * <p>{@link #observe} reports what was found; {@link Weighing} turns it into a confidence.
 */
public final class SignatureMatcher implements AutoCloseable {
  private static final int MAX_QUOTE = 120;
  private static final int OFFSET_GAP = new IssueAnalyzer().getOffsetGap(IssueFields.TEXT);

  private final SignatureCatalog catalog;
  private final IssueAnalyzer analyzer = new IssueAnalyzer();
  private final Map<String, CompletableFuture<ExemplarIndex>> exemplars = new HashMap<>();

  public SignatureMatcher(SignatureCatalog catalog) {
    this.catalog = catalog;
    for (Signature signature : catalog.signatures()) {
      if (!signature.exemplars().isEmpty()) {
        // Indexing the examples takes about as long as running the signals over an issue, and
        // the command line does both once: on another core they overlap.
        exemplars.put(
            signature.id(),
            CompletableFuture.supplyAsync(() -> new ExemplarIndex(signature.exemplars())));
      }
    }
  }

  /** The signatures this issue matches, highest confidence first. */
  public List<SignatureMatch> match(IssueText issue) {
    return score(issue).stream().filter(SignatureMatch::matched).toList();
  }

  /**
   * The signatures this issue matches, and those it comes just short of ({@link
   * SignatureMatch#needsLook()}: too thin to decide, for a maintainer's eyes only), highest
   * confidence first: what triage decides on.
   */
  public List<SignatureMatch> matchOrLook(IssueText issue) {
    return score(issue).stream().filter(m -> m.matched() || m.needsLook()).toList();
  }

  /** Every signature's score for this issue, matched or not, highest confidence first. */
  public List<SignatureMatch> score(IssueText issue) {
    List<SignatureMatch> results = new ArrayList<>();
    for (Observation observation : observe(issue)) {
      results.add(Weighing.weigh(observation));
    }
    results.sort(Comparator.comparingDouble(SignatureMatch::confidence).reversed());
    return results;
  }

  /** What every signature's queries and examples find in this issue, in catalog order. */
  public List<Observation> observe(IssueText issue) {
    IssueDocument document = new IssueDocument(issue);
    List<Observation> observations = new ArrayList<>();
    for (Signature signature : catalog.signatures()) {
      observations.add(observe(signature, document, issue));
    }
    return observations;
  }

  private Observation observe(Signature signature, IssueDocument document, IssueText issue) {
    List<SignalHit> hits = new ArrayList<>();
    for (Facet facet : signature.evidence().facets()) {
      for (Signal signal : facet.signals()) {
        hits.addAll(document.hits(signal, facet.name()));
      }
    }
    for (Signal exclusion : signature.evidence().exclusions()) {
      hits.addAll(document.hits(exclusion, null));
    }
    CompletableFuture<ExemplarIndex> known = exemplars.get(signature.id());
    ExemplarSimilarity similarity =
        known == null
            ? ExemplarSimilarity.NONE
            : built(known).similarity(new IssueText(issue.title(), document.body));
    return new Observation(signature, hits, similarity);
  }

  private static ExemplarIndex built(CompletableFuture<ExemplarIndex> index) {
    try {
      return index.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException failure) {
        throw failure;
      }
      throw e;
    }
  }

  @Override
  public void close() {
    exemplars.values().forEach(index -> index.thenAccept(ExemplarIndex::close));
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
    List<SignalHit> hits(Signal signal, String facet) {
      Map<String, SignalHit> firstPerField = new LinkedHashMap<>();
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
            firstPerField.put(field, new SignalHit(signal, facet, field, quote));
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
