package dev.triagebot.classifier.similar;

import dev.triagebot.classifier.catalog.Exemplar;
import dev.triagebot.classifier.text.IssueText;
import dev.triagebot.classifier.text.ReportText;
import java.util.ArrayList;
import java.util.List;

/**
 * A signature's known instances and look-alikes in a small in-memory Lucene index, so that a new
 * report's closeness to each is evidence: the same MoreLikeThis/BM25 search, with scores relative
 * to the report's own, that finds similar issues in a repository.
 */
public final class ExemplarIndex implements AutoCloseable {
  /** Enough neighbours that the nearest instance and the nearest look-alike are both among them. */
  private static final int NEIGHBOURS = 10;

  /**
   * Fewer query terms than a repository search: a few dozen examples need only a report's most
   * telling words, and the search runs on every issue the matcher sees.
   */
  private static final SimilarIssueSearch.Settings SEARCH =
      new SimilarIssueSearch.Settings(2.0f, 8, 12);

  /** Relative scores above this are not more similar, just longer; kept in [0,1]. */
  private static final double MAX_RELATIVE = 1.0;

  /**
   * A report this short has too few words for a similarity to mean anything: against a few dozen
   * examples a one-word title scores like a near copy.
   */
  private static final int MIN_WORDS = 12;

  private final List<Exemplar> exemplars;
  private final List<String> cleanBodies = new ArrayList<>();
  private final IssueIndex index;
  private final SimilarIssueSearch search;

  public ExemplarIndex(List<Exemplar> exemplars) {
    this.exemplars = List.copyOf(exemplars);
    this.index = IssueIndex.inMemory();
    List<IndexedIssue> documents = new ArrayList<>();
    for (int i = 0; i < this.exemplars.size(); i++) {
      Exemplar exemplar = this.exemplars.get(i);
      // Indexed as reports are matched: without the issue form's boilerplate.
      cleanBodies.add(ReportText.clean(exemplar.body()));
      documents.add(IndexedIssue.open(i + 1, exemplar.title(), cleanBodies.get(i), List.of()));
    }
    // One commit for all: the matcher is built at every start of the command line.
    index.upsertAll(documents);
    this.search = new SimilarIssueSearch(index, SEARCH);
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
    double instance = 0;
    double lookAlike = 0;
    String nearestInstance = null;
    String nearestLookAlike = null;
    // No hit is explained: only the scores are needed, and explaining is most of a search's cost.
    for (SimilarIssue hit :
        search.find(IssueQuery.unnumbered(text), NEIGHBOURS, Double.MAX_VALUE)) {
      int i = hit.issue().number() - 1;
      Exemplar exemplar = exemplars.get(i);
      if (exemplar.title().equals(text.title()) && cleanBodies.get(i).equals(text.body())) {
        continue;
      }
      double relative = Math.min(MAX_RELATIVE, hit.relativeScore());
      if (exemplar.instance() && relative > instance) {
        instance = relative;
        nearestInstance = exemplar.id();
      } else if (!exemplar.instance() && relative > lookAlike) {
        lookAlike = relative;
        nearestLookAlike = exemplar.id();
      }
    }
    return new ExemplarSimilarity(instance, nearestInstance, lookAlike, nearestLookAlike);
  }

  private static int words(IssueText text) {
    String all = (text.title() + " " + text.body()).strip();
    return all.isEmpty() ? 0 : all.split("\\s+").length;
  }

  @Override
  public void close() {
    index.close();
  }
}
