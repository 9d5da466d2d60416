package dev.triagebot.classifier.similar;

import dev.triagebot.classifier.text.IssueText;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.CollectionTerminatedException;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SimpleCollector;

/**
 * Explains one hit of a query: a distinctive line both issues contain ("same error text: …") when
 * there is one, else the query terms that added most to the hit's score.
 *
 * <p>A line is shared when the hit contains its words in order, numbers and punctuation aside (a
 * phrase query over title and body): two reports of one error differ in ports, versions and
 * quoting. It is distinctive when few issues contain it: at most {@value #MIN_RARE_LINE_DOCS} or
 * 0.5% of the index. That keeps template lines ("### Steps to Reproduce", "Claude Code version: …")
 * out, whatever the repository's template says.
 */
final class SharedEvidence {
  static final int MIN_RARE_LINE_DOCS = 5;
  private static final int MIN_LINE_WORDS = 3;
  private static final int MIN_LINE_CHARS = 15;
  private static final int MAX_LINE_CHARS = 240;
  // Phrase queries per search: each is cheap, but a long report has dozens of lines.
  private static final int MAX_PHRASE_QUERIES = 4;
  private static final int MAX_TERMS = 3;
  private static final Pattern MARKDOWN_PREFIX =
      Pattern.compile("^\\s*(?:[>*+-]|\\d+[.)]|\\$)\\s+");
  // Timestamps differ between two logs of one error ("12:01:33 ", "2025-06-01T12:01:33Z ").
  private static final Pattern TIMESTAMP =
      Pattern.compile(
          "^(?:\\[?(?:\\d{4}-\\d\\d-\\d\\d[T ])?\\d\\d:\\d\\d:\\d\\d(?:[.,]\\d+)?Z?\\]?\\s*)+");
  // So may tags ("[MCP] "): the line is tried with and without them.
  private static final Pattern TAGS = Pattern.compile("^(?:\\[[^\\]]{1,40}\\]\\s*)+");
  private static final Pattern NOT_A_LINE = Pattern.compile("^\\s*(?:#|- \\[|\\||```)");
  private static final Pattern ERROR_WORDS =
      Pattern.compile(
          "(?i:\\b(?:errors?|fail(?:ed|ure|s|ing)?|exception|denied|refused|timed? ?out|cannot"
              + "|can't|unable|invalid|not found|undefined|panic|fatal|traceback)\\b)"
              + "|\\b[A-Za-z]+(?:Error|Exception)\\b|\\bE[A-Z]{3,}\\b|\\b[45]\\d\\d\\b");
  private static final int[] COMMON = new int[0];

  private final IndexSearcher searcher;
  private final List<Line> lines;
  private final Map<String, String> surfaceForms;
  private final Map<Line, int[]> linesInDocs = new HashMap<>();
  private final int rareLineLimit;

  SharedEvidence(
      IndexSearcher searcher, Analyzer analyzer, IssueText query, Set<String> queryTerms) {
    this.searcher = searcher;
    this.surfaceForms = surfaceForms(analyzer, query.title() + "\n" + query.body());
    this.lines = candidateLines(analyzer, query, queryTerms);
    this.rareLineLimit = Math.max(MIN_RARE_LINE_DOCS, searcher.getIndexReader().numDocs() / 200);
  }

  /**
   * The reason for one hit.
   *
   * @param doc the hit's document id in the searcher
   * @param contributions what each query term added to the hit's score
   */
  MatchReason reasonFor(int doc, Map<String, Double> contributions) throws IOException {
    for (Line line : lines) {
      // Cheap test first: a line can only be in the hit if the hit has its telling words.
      if (!contributions.keySet().containsAll(line.queryTerms())) {
        continue;
      }
      int[] docs = linesInDocs.get(line);
      if (docs == null) {
        if (linesInDocs.size() == MAX_PHRASE_QUERIES) {
          continue;
        }
        docs = docsContaining(line);
        linesInDocs.put(line, docs);
      }
      if (Arrays.binarySearch(docs, doc) >= 0) {
        return MatchReason.sharedLine(ERROR_WORDS.matcher(line.display()).find(), line.display());
      }
    }
    return MatchReason.sharedTerms(
        contributions.entrySet().stream()
            .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
            .limit(MAX_TERMS)
            .map(entry -> surfaceForms.getOrDefault(entry.getKey(), entry.getKey()))
            .toList());
  }

  /** The sorted ids of the documents containing the line, or none if too many do. */
  private int[] docsContaining(Line line) throws IOException {
    RareDocs collector = new RareDocs(rareLineLimit);
    searcher.search(line.phrase(), collector);
    return collector.overflowed ? COMMON : collector.sorted();
  }

  /** Collects document ids until there are more than the limit, then gives up. */
  private static final class RareDocs extends SimpleCollector {
    private final int limit;
    private int[] docs = new int[8];
    private int size;
    private int docBase;
    private boolean overflowed;

    RareDocs(int limit) {
      this.limit = limit;
    }

    @Override
    protected void doSetNextReader(LeafReaderContext context) {
      if (overflowed) {
        throw new CollectionTerminatedException();
      }
      docBase = context.docBase;
    }

    @Override
    public void collect(int doc) {
      if (size == limit) {
        overflowed = true;
        throw new CollectionTerminatedException();
      }
      if (size == docs.length) {
        docs = Arrays.copyOf(docs, size * 2);
      }
      docs[size++] = docBase + doc;
    }

    @Override
    public ScoreMode scoreMode() {
      return ScoreMode.COMPLETE_NO_SCORES;
    }

    int[] sorted() {
      int[] result = Arrays.copyOf(docs, size);
      Arrays.sort(result);
      return result;
    }
  }

  /** The first way each analyzed term was written in the query, so reasons show real words. */
  private static Map<String, String> surfaceForms(Analyzer analyzer, String text) {
    Map<String, String> forms = new LinkedHashMap<>();
    try (TokenStream stream = analyzer.tokenStream(IssueDocuments.BODY, text)) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      OffsetAttribute offsets = stream.addAttribute(OffsetAttribute.class);
      stream.reset();
      while (stream.incrementToken()) {
        forms.putIfAbsent(
            term.toString(), text.substring(offsets.startOffset(), offsets.endOffset()));
      }
      stream.end();
    } catch (IOException e) {
      throw new IllegalStateException("analyzing text in memory cannot fail", e);
    }
    return forms;
  }

  /**
   * The query's lines that could be quoted as shared text, longest first. A line without any of the
   * query's telling terms is common text and never distinctive, so it is left out.
   */
  private static List<Line> candidateLines(
      Analyzer analyzer, IssueText query, Set<String> queryTerms) {
    List<Line> candidates = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    List<String> raw = new ArrayList<>();
    if (ERROR_WORDS.matcher(query.title()).find()) {
      raw.add(query.title());
    }
    boolean inCode = false;
    for (String text : query.body().lines().toList()) {
      if (text.strip().startsWith("```")) {
        inCode = !inCode;
      } else if (inCode || text.startsWith("    ") || ERROR_WORDS.matcher(text).find()) {
        raw.add(text);
      }
    }
    for (String text : raw) {
      if (NOT_A_LINE.matcher(text).find()) {
        continue;
      }
      String cleaned = MARKDOWN_PREFIX.matcher(text).replaceFirst("").replace("`", "").strip();
      String tagged = TIMESTAMP.matcher(cleaned).replaceFirst("");
      for (String variant : List.of(tagged, TAGS.matcher(tagged).replaceFirst(""))) {
        if (variant.length() < MIN_LINE_CHARS || variant.length() > MAX_LINE_CHARS) {
          continue;
        }
        Line line = line(analyzer, variant, queryTerms);
        if (line != null && seen.add(line.words())) {
          candidates.add(line);
        }
      }
    }
    // The longest shared line is the strongest evidence.
    candidates.sort(
        Comparator.comparingInt((Line line) -> line.words().split(" ").length).reversed());
    return candidates;
  }

  /**
   * The line with its phrase over title and body, or null if it has too few words or none of the
   * query's telling terms.
   */
  private static Line line(Analyzer analyzer, String text, Set<String> queryTerms) {
    PhraseQuery.Builder title = new PhraseQuery.Builder();
    PhraseQuery.Builder body = new PhraseQuery.Builder();
    Set<String> telling = new HashSet<>();
    List<String> words = new ArrayList<>();
    int position = -1;
    try (TokenStream stream = analyzer.tokenStream(IssueDocuments.BODY, text)) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      PositionIncrementAttribute increment = stream.addAttribute(PositionIncrementAttribute.class);
      stream.reset();
      while (stream.incrementToken()) {
        position += increment.getPositionIncrement();
        String word = term.toString();
        // Numbers (versions, ports, ids) differ between two reports of one error: skip them.
        if (word.chars().anyMatch(Character::isLetter)) {
          title.add(new Term(IssueDocuments.TITLE, word), position);
          body.add(new Term(IssueDocuments.BODY, word), position);
          words.add(word);
          if (queryTerms.contains(word)) {
            telling.add(word);
          }
        }
      }
      stream.end();
    } catch (IOException e) {
      throw new IllegalStateException("analyzing text in memory cannot fail", e);
    }
    if (words.size() < MIN_LINE_WORDS || telling.isEmpty()) {
      return null;
    }
    Query phrase =
        new BooleanQuery.Builder()
            .add(title.build(), BooleanClause.Occur.SHOULD)
            .add(body.build(), BooleanClause.Occur.SHOULD)
            .build();
    return new Line(text, String.join(" ", words), phrase, Set.copyOf(telling));
  }

  /** A quotable line of the query, its words, the phrase that finds it, its telling terms. */
  private record Line(String display, String words, Query phrase, Set<String> queryTerms) {}
}
