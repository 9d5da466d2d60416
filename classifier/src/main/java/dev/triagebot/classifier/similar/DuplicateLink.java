package dev.triagebot.classifier.similar;

import java.util.List;

/**
 * One issue the bot's comment offers as possibly the same problem.
 *
 * @param number the issue to link: the root of its duplicate chain
 * @param title its title, empty when the issue is not in the index
 * @param role whether a signature or similarity put it here
 * @param state its state, or null when the issue is not in the index
 * @param relativeScore the similarity that suggested it (see {@link SimilarIssue}); 0 for a
 *     signature's canonical issue
 * @param reason why, in one line
 * @param via the issues closed as duplicates that led here, in order, empty if none
 */
public record DuplicateLink(
    int number,
    String title,
    Role role,
    IndexedIssue.State state,
    double relativeScore,
    MatchReason reason,
    List<Integer> via) {
  public DuplicateLink {
    via = List.copyOf(via);
  }

  /** How the link was found. */
  public enum Role {
    /** The canonical issue of a matched catalog signature. */
    SIGNATURE_CANONICAL,
    /** A similar issue above the threshold. */
    SIMILAR
  }
}
