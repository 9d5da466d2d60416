package dev.triagebot.classifier.similar;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Decides which issues the comment links as possible duplicates, in order. Pure: given the
 * signature's canonical issue, the similar issues and a way to look issues up, it returns links.
 *
 * <ol>
 *   <li>The matched signature's canonical issue first, when there is one.
 *   <li>Then at most {@code maxSimilar} similar issues whose relative score reaches {@code
 *       threshold}. When more qualify, open issues take the places before closed ones (an open
 *       issue is where the conversation continues); the chosen ones are shown strongest first.
 *   <li>Every candidate is replaced by the root of its "closed as duplicate of" chain. A chain that
 *       loops, or leads to an issue we do not know, or to a duplicate whose target was never
 *       learned, links nothing: those are exactly the links that send readers in circles.
 *   <li>A root that was declined (closed as not planned, or labelled {@code invalid}) is never
 *       offered, not even as the signature's canonical issue.
 * </ol>
 *
 * No issue is linked twice, and an issue is never linked to itself.
 *
 * @param threshold the relative score (see {@link SimilarIssue#relativeScore()}) from which a
 *     similar issue is linked
 * @param maxSimilar how many similar issues to link besides the canonical one
 */
public record LinkPolicy(double threshold, int maxSimilar) {
  private static final int MAX_CHAIN = 32;

  public LinkPolicy {
    if (threshold < 0 || maxSimilar < 0) {
      throw new IllegalArgumentException("threshold and maxSimilar must not be negative");
    }
  }

  /**
   * The calibrated policy. On the test corpora (77 past issues; 39 new ones, 29 of them duplicates)
   * the best hit of a real duplicate scores 0.52 to 1.1 relative to its own text, while hits that
   * are merely about the same area mostly stay under 0.45. At a threshold of 0.35 / 0.40 / 0.45 /
   * 0.50 / 0.55, precision@3 is 0.72 / 0.79 / 0.96 / 0.96 / 0.96 and recall@3 0.90 at all but the
   * last, where a vague real duplicate (0.52) is lost. 0.45 sits at the low end of that plateau, so
   * that real duplicates worded further apart than ours still get linked; the price is that 7 of
   * the 10 new issues that duplicate nothing still get a "possibly related" link, mostly to an
   * issue of the same area (3 of 10 at 0.50).
   */
  public static LinkPolicy defaults() {
    return new LinkPolicy(0.45, 3);
  }

  /**
   * The links for one issue.
   *
   * @param self the issue being triaged, never linked; empty if it has no number yet
   * @param canonical the matched signature's canonical issue, if a signature matched
   * @param similar similar issues, best first, as {@link SimilarIssueSearch} returns them
   * @param lookup finds the issues that duplicate chains lead to
   */
  public List<DuplicateLink> links(
      OptionalInt self,
      Optional<SignatureCanonical> canonical,
      List<SimilarIssue> similar,
      IssueLookup lookup) {
    List<DuplicateLink> links = new ArrayList<>();
    Set<Integer> linked = new LinkedHashSet<>();
    self.ifPresent(linked::add);
    canonical
        .flatMap(known -> canonicalLink(known, lookup))
        .filter(link -> linked.add(link.number()))
        .ifPresent(links::add);

    List<DuplicateLink> candidates = new ArrayList<>();
    for (SimilarIssue hit : similar) {
      if (hit.relativeScore() < threshold) {
        continue;
      }
      followToRoot(hit.issue(), lookup)
          .filter(root -> linked.add(root.issue().number()))
          .map(root -> root.link(DuplicateLink.Role.SIMILAR, hit.relativeScore(), hit.reason()))
          .ifPresent(candidates::add);
    }
    // Open issues take the slots first; the chosen ones are shown strongest first.
    List<DuplicateLink> chosen =
        candidates.stream()
            .sorted(Comparator.comparing(link -> link.state() != IndexedIssue.State.OPEN))
            .limit(maxSimilar)
            .sorted(Comparator.comparingDouble(DuplicateLink::relativeScore).reversed())
            .toList();
    links.addAll(chosen);
    return List.copyOf(links);
  }

  private static Optional<DuplicateLink> canonicalLink(
      SignatureCanonical known, IssueLookup lookup) {
    MatchReason reason = MatchReason.signature(known.signatureId());
    Optional<IndexedIssue> indexed = lookup.find(known.issue());
    if (indexed.isEmpty()) {
      // The catalog is reviewed data: trust its canonical issue even before the index has it.
      return Optional.of(
          new DuplicateLink(
              known.issue(),
              "",
              DuplicateLink.Role.SIGNATURE_CANONICAL,
              null,
              0,
              reason,
              List.of()));
    }
    return followToRoot(indexed.get(), lookup)
        .map(root -> root.link(DuplicateLink.Role.SIGNATURE_CANONICAL, 0, reason));
  }

  /**
   * The issue a chain of "closed as duplicate of" ends at, if it ends at an issue that may be
   * offered; empty for loops, unknown targets and declined roots.
   */
  static Optional<Root> followToRoot(IndexedIssue start, IssueLookup lookup) {
    List<Integer> via = new ArrayList<>();
    Set<Integer> visited = new LinkedHashSet<>();
    IndexedIssue current = start;
    while (current.isClosedAsDuplicate()) {
      if (!visited.add(current.number()) || visited.size() > MAX_CHAIN) {
        return Optional.empty();
      }
      if (current.duplicateOf() == null) {
        return Optional.empty();
      }
      via.add(current.number());
      Optional<IndexedIssue> next = lookup.find(current.duplicateOf());
      if (next.isEmpty()) {
        return Optional.empty();
      }
      current = next.get();
    }
    if (current.isDeclined()) {
      return Optional.empty();
    }
    return Optional.of(new Root(current, via));
  }

  /** The end of a duplicate chain and the duplicates passed on the way. */
  record Root(IndexedIssue issue, List<Integer> via) {

    DuplicateLink link(DuplicateLink.Role role, double relativeScore, MatchReason reason) {
      return new DuplicateLink(
          issue.number(), issue.title(), role, issue.state(), relativeScore, reason, via);
    }
  }
}
