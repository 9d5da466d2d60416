package dev.triagebot.classifier.similar;

import dev.triagebot.classifier.text.IssueText;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Suggests {@code area:*} (and, where the text names the platform, {@code platform:*}) labels from
 * the labels of the most similar past issues.
 *
 * <p>The rule: take the {@code k} most similar issues that carry at least one such label and whose
 * relative score reaches {@code minSimilarity}. Each votes for its labels with its relative score
 * as weight. A label is suggested when at least {@code minVotes} issues voted for it and its votes
 * make up at least {@code minShare} of all the weight cast. Labels the repository no longer has,
 * labels the issue already has, and platforms its text does not mention are never suggested.
 *
 * @param k how many labelled neighbours vote
 * @param minVotes how many distinct issues must carry a label
 * @param minShare the label's least share of the weighted vote, in (0,1]
 * @param minSimilarity the least relative score of a neighbour allowed to vote
 */
public record LabelVoting(int k, int minVotes, double minShare, double minSimilarity) {
  private static final String AREA_PREFIX = "area:";

  public LabelVoting {
    if (k < 1 || minVotes < 1 || minShare <= 0 || minShare > 1 || minSimilarity < 0) {
      throw new IllegalArgumentException("invalid label voting settings");
    }
  }

  /**
   * Ten voters, of which at least two must carry a label worth at least 40% of the weight: one
   * similar issue alone is an anecdote, and 40% (not 50%) lets two areas that often go together
   * (auth and mcp) both through. Neighbours under 0.1 of the query's own score share little more
   * than vocabulary and do not vote. On the test corpora, share floors of 0.3 / 0.4 / 0.5 give a
   * micro precision of 0.96 / 1.0 / 1.0 and a recall of 0.96 / 0.92 / 0.81; 0.4 is the knee.
   */
  public static LabelVoting defaults() {
    return new LabelVoting(10, 2, 0.4, 0.1);
  }

  /** Whether a label is one that voting may suggest. */
  public static boolean isVotable(String label) {
    return label.startsWith(AREA_PREFIX) || label.startsWith(PlatformMentions.PREFIX);
  }

  /**
   * The suggested labels, strongest first.
   *
   * @param text the issue's text, which must mention a platform for its label to be suggested
   * @param neighbours similar issues, most similar first
   * @param repositoryLabels the labels that exist in the repository now
   * @param currentLabels the labels the issue already has
   */
  public List<LabelSuggestion> suggest(
      IssueText text,
      List<SimilarIssue> neighbours,
      Set<String> repositoryLabels,
      Collection<String> currentLabels) {
    Map<String, Tally> tallies = new LinkedHashMap<>();
    double totalWeight = 0;
    int voters = 0;
    for (SimilarIssue neighbour : neighbours) {
      if (voters == k) {
        break;
      }
      List<String> votable =
          neighbour.issue().labels().stream().filter(LabelVoting::isVotable).distinct().toList();
      if (votable.isEmpty() || neighbour.relativeScore() < minSimilarity) {
        continue;
      }
      voters++;
      totalWeight += neighbour.relativeScore();
      for (String label : votable) {
        tallies
            .computeIfAbsent(label, unused -> new Tally())
            .add(neighbour.issue().number(), neighbour.relativeScore());
      }
    }
    String fullText = text.title() + "\n" + text.body();
    List<LabelSuggestion> suggestions = new ArrayList<>();
    for (Map.Entry<String, Tally> entry : tallies.entrySet()) {
      String label = entry.getKey();
      Tally tally = entry.getValue();
      double share = totalWeight == 0 ? 0 : tally.weight / totalWeight;
      if (tally.voters.size() >= minVotes
          && share >= minShare
          && repositoryLabels.contains(label)
          && !currentLabels.contains(label)
          && (!label.startsWith(PlatformMentions.PREFIX)
              || PlatformMentions.supports(label, fullText))) {
        suggestions.add(new LabelSuggestion(label, share, tally.voters));
      }
    }
    suggestions.sort(Comparator.comparingDouble(LabelSuggestion::share).reversed());
    return List.copyOf(suggestions);
  }

  private static final class Tally {
    private final List<Integer> voters = new ArrayList<>();
    private double weight;

    void add(int voter, double similarity) {
      voters.add(voter);
      weight += similarity;
    }
  }
}
