package dev.triagebot.classifier.similar;

import dev.triagebot.classifier.match.IssueText;
import dev.triagebot.classifier.similar.SimilarIssueSearch.WeightedTerm;
import java.io.IOException;
import java.util.ArrayList;
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
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.PhraseQuery;

/**
 * Explains one hit of a query: a distinctive line both issues contain ("same error text: …") when
 * there is one, else the query terms with the most weight that the hit shares.
 *
 * <p>A shared line is distinctive when few issues contain it: at most {@value #MIN_RARE_LINE_DOCS}
 * or 0.5% of the index, by a phrase count of its words. That keeps template lines ("### Steps to
 * Reproduce", "Claude Code version: …") out, whatever the repository's template says.
 */
final class SharedEvidence {
  static final int MIN_RARE_LINE_DOCS = 5;
  private static final int MIN_LINE_WORDS = 3;
  private static final int MIN_LINE_CHARS = 15;
  private static final int MAX_LINE_CHARS = 240;
  private static final int MAX_PHRASE_CHECKS = 4;
  private static final int MAX_TERMS = 3;
  private static final Pattern MARKDOWN_PREFIX =
      Pattern.compile("^\\s*(?:[>*+-]|\\d+[.)]|\\$)\\s+");
  // Tags and timestamps that differ between two logs of the same error: "[MCP] ", "12:01:33 ".
  private static final Pattern LOG_PREFIX =
      Pattern.compile(
          "^(?:\\[[^\\]]{1,40}\\]\\s*|\\d{4}-\\d\\d-\\d\\d[T ][\\d:.]+Z?\\s*|\\d\\d:\\d\\d:\\d\\d(?:\\.\\d+)?\\s*)+");
  private static final Pattern NOT_A_LINE = Pattern.compile("^\\s*(?:#|- \\[|\\||```)");
  private static final Pattern ERROR_WORDS =
      Pattern.compile(
          "(?i:\\b(?:errors?|fail(?:ed|ure|s|ing)?|exception|denied|refused|timed? ?out|cannot"
              + "|can't|unable|invalid|not found|undefined|panic|fatal|traceback)\\b)"
              + "|\\b[A-Za-z]+(?:Error|Exception)\\b|\\bE[A-Z]{3,}\\b|\\b[45]\\d\\d\\b");

  private final IndexSearcher searcher;
  private final Analyzer analyzer;
  private final List<Line> lines;
  private final List<WeightedTerm> terms;
  private final Map<String, String> surfaceForms;
  private final Map<String, Boolean> rareLines = new HashMap<>();
  private final int rareLineLimit;

  SharedEvidence(
      IndexSearcher searcher, Analyzer analyzer, IssueText query, List<WeightedTerm> terms) {
    this.searcher = searcher;
    this.analyzer = analyzer;
    this.terms = terms;
    this.surfaceForms = surfaceForms(analyzer, query.title() + "\n" + query.body());
    this.lines = candidateLines(query);
    this.rareLineLimit = Math.max(MIN_RARE_LINE_DOCS, searcher.getIndexReader().numDocs() / 200);
  }

  MatchReason reasonFor(IndexedIssue hit) throws IOException {
    String hitText = " " + normalize(hit.title() + "\n" + hit.body()) + " ";
    int phraseChecks = 0;
    for (Line line : lines) {
      if (phraseChecks >= MAX_PHRASE_CHECKS) {
        break;
      }
      if (hitText.contains(" " + line.normalized() + " ")) {
        phraseChecks++;
        if (isRare(line)) {
          return MatchReason.sharedLine(ERROR_WORDS.matcher(line.display()).find(), line.display());
        }
      }
    }
    Map<String, TermCounts> hitFields =
        Map.of(
            IssueDocuments.TITLE,
            TermCounts.of(analyzer, IssueDocuments.TITLE, hit.title()),
            IssueDocuments.BODY,
            TermCounts.of(analyzer, IssueDocuments.BODY, hit.body()));
    // Each term's share of this hit's BM25 score: the words that made the match.
    Map<String, Double> contributions = new HashMap<>();
    for (WeightedTerm term : terms) {
      double score = term.score(hitFields.get(term.term().field()));
      if (score > 0) {
        contributions.merge(term.term().text(), score, Double::sum);
      }
    }
    return MatchReason.sharedTerms(
        contributions.entrySet().stream()
            .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
            .limit(MAX_TERMS)
            .map(entry -> surfaceForms.getOrDefault(entry.getKey(), entry.getKey()))
            .toList());
  }

  private boolean isRare(Line line) throws IOException {
    Boolean known = rareLines.get(line.normalized());
    if (known != null) {
      return known;
    }
    PhraseQuery.Builder phrase = new PhraseQuery.Builder();
    int position = -1;
    int words = 0;
    try (TokenStream stream = analyzer.tokenStream(IssueDocuments.BODY, line.display())) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      PositionIncrementAttribute increment = stream.addAttribute(PositionIncrementAttribute.class);
      stream.reset();
      while (stream.incrementToken()) {
        position += increment.getPositionIncrement();
        String text = term.toString();
        // Numbers (versions, ports, ids) differ between two reports of one error: skip them.
        if (text.chars().anyMatch(Character::isLetter)) {
          phrase.add(new Term(IssueDocuments.BODY, text), position);
          words++;
        }
      }
      stream.end();
    }
    boolean rare = words >= MIN_LINE_WORDS && searcher.count(phrase.build()) <= rareLineLimit;
    rareLines.put(line.normalized(), rare);
    return rare;
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

  /** The query's lines that could be quoted as shared text, longest first. */
  private static List<Line> candidateLines(IssueText query) {
    List<Line> candidates = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    List<String> raw = new ArrayList<>();
    raw.add(query.title());
    raw.addAll(query.body().lines().toList());
    for (String text : raw) {
      if (NOT_A_LINE.matcher(text).find()) {
        continue;
      }
      String display = MARKDOWN_PREFIX.matcher(text).replaceFirst("").replace("`", "").strip();
      for (String variant : List.of(display, LOG_PREFIX.matcher(display).replaceFirst(""))) {
        String normalized = normalize(variant);
        if (variant.length() >= MIN_LINE_CHARS
            && variant.length() <= MAX_LINE_CHARS
            && normalized.split(" ").length >= MIN_LINE_WORDS
            && seen.add(normalized)) {
          candidates.add(new Line(variant, normalized));
        }
      }
    }
    candidates.sort(Comparator.comparingInt((Line line) -> line.normalized().length()).reversed());
    return candidates;
  }

  /** Lower case, every number as 0, punctuation and spacing as one space. */
  static String normalize(String text) {
    return text.toLowerCase(java.util.Locale.ROOT)
        .replaceAll("\\d+", "0")
        .replaceAll("[^\\p{L}\\p{N}]+", " ")
        .strip();
  }

  private record Line(String display, String normalized) {}
}
