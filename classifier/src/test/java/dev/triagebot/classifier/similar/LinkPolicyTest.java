package dev.triagebot.classifier.similar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.triagebot.classifier.similar.IndexedIssue.State;
import dev.triagebot.classifier.similar.IndexedIssue.StateReason;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class LinkPolicyTest {
  private static final LinkPolicy POLICY = new LinkPolicy(0.45, 3);
  private static final OptionalInt SELF = OptionalInt.of(900);

  private final Map<Integer, IndexedIssue> issues = new HashMap<>();
  private final IssueLookup lookup = number -> Optional.ofNullable(issues.get(number));

  @Test
  void signatureCanonicalComesFirstThenAtMostThreeSimilarIssues() {
    IndexedIssue canonical = open(100);
    List<SimilarIssue> similar =
        List.of(hit(open(201), 0.9), hit(open(202), 0.8), hit(open(203), 0.7), hit(open(204), 0.6));

    List<DuplicateLink> links =
        POLICY.links(
            SELF, Optional.of(new SignatureCanonical("sig", canonical.number())), similar, lookup);

    assertThat(links).extracting(DuplicateLink::number).containsExactly(100, 201, 202, 203);
    assertThat(links.get(0).role()).isEqualTo(DuplicateLink.Role.SIGNATURE_CANONICAL);
    assertThat(links.get(0).reason().oneLine()).isEqualTo("known issue `sig`");
    assertThat(links.subList(1, 4))
        .allSatisfy(link -> assertThat(link.role()).isEqualTo(DuplicateLink.Role.SIMILAR));
  }

  @Test
  void issuesBelowTheThresholdAreNotLinked() {
    List<DuplicateLink> links =
        POLICY.links(
            SELF, Optional.empty(), List.of(hit(open(201), 0.46), hit(open(202), 0.44)), lookup);

    assertThat(links).extracting(DuplicateLink::number).containsExactly(201);
  }

  @Test
  void openIssuesTakeThePlacesBeforeClosedOnesAndAreShownStrongestFirst() {
    List<SimilarIssue> similar =
        List.of(
            hit(closed(201, StateReason.COMPLETED), 0.95),
            hit(open(202), 0.9),
            hit(closed(203, StateReason.COMPLETED), 0.85),
            hit(open(204), 0.6),
            hit(open(205), 0.5));

    List<DuplicateLink> links = POLICY.links(SELF, Optional.empty(), similar, lookup);

    assertThat(links).extracting(DuplicateLink::number).containsExactly(202, 204, 205);
  }

  @Test
  void aClosedIssueIsStillLinkedWhenFewerOpenOnesQualify() {
    List<SimilarIssue> similar =
        List.of(hit(closed(201, StateReason.COMPLETED), 0.9), hit(open(202), 0.5));

    List<DuplicateLink> links = POLICY.links(SELF, Optional.empty(), similar, lookup);

    assertThat(links).extracting(DuplicateLink::number).containsExactly(201, 202);
    assertThat(links.get(0).state()).isEqualTo(State.CLOSED);
  }

  @Test
  void duplicateChainsAreFollowedToTheirRoot() {
    IndexedIssue root = open(100);
    duplicate(101, root.number());
    IndexedIssue middle = issues.get(101);
    IndexedIssue leaf = duplicate(102, middle.number());

    List<DuplicateLink> links =
        POLICY.links(SELF, Optional.empty(), List.of(hit(leaf, 0.8)), lookup);

    assertThat(links)
        .singleElement()
        .satisfies(
            link -> {
              assertThat(link.number()).isEqualTo(100);
              assertThat(link.via()).containsExactly(102, 101);
              assertThat(link.relativeScore()).isEqualTo(0.8);
            });
  }

  @Test
  void chainsThatLoopLinkNothing() {
    IndexedIssue a = duplicate(301, 302);
    IndexedIssue b = duplicate(302, 301);
    IndexedIssue itself = duplicate(303, 303);

    List<DuplicateLink> links =
        POLICY.links(
            SELF, Optional.empty(), List.of(hit(a, 0.9), hit(b, 0.8), hit(itself, 0.7)), lookup);

    assertThat(links).isEmpty();
  }

  @Test
  void anIssueEnteringALoopFurtherDownLinksNothingButOthersStillDo() {
    duplicate(301, 302);
    duplicate(302, 301);
    IndexedIssue entering = duplicate(305, 301);

    List<DuplicateLink> links =
        POLICY.links(
            SELF, Optional.empty(), List.of(hit(entering, 0.9), hit(open(400), 0.5)), lookup);

    assertThat(links).extracting(DuplicateLink::number).containsExactly(400);
  }

  @Test
  void declinedIssuesAreNeverOfferedAsTheRoot() {
    IndexedIssue notPlanned = closed(500, StateReason.NOT_PLANNED);
    IndexedIssue invalid =
        new IndexedIssue(
            501, "spam", "", State.OPEN, null, List.of("invalid"), null, null, null, null);
    issues.put(invalid.number(), invalid);
    IndexedIssue leadsToNotPlanned = duplicate(502, notPlanned.number());

    List<DuplicateLink> links =
        POLICY.links(
            SELF,
            Optional.empty(),
            List.of(hit(notPlanned, 0.9), hit(invalid, 0.9), hit(leadsToNotPlanned, 0.9)),
            lookup);

    assertThat(links).isEmpty();
  }

  @Test
  void aDeclinedSignatureCanonicalIsNotOfferedEither() {
    closed(500, StateReason.NOT_PLANNED);

    List<DuplicateLink> links =
        POLICY.links(
            SELF,
            Optional.of(new SignatureCanonical("sig", 500)),
            List.of(hit(open(201), 0.8)),
            lookup);

    assertThat(links).extracting(DuplicateLink::number).containsExactly(201);
  }

  @Test
  void aSignatureCanonicalClosedAsDuplicateLeadsToItsRoot() {
    open(100);
    duplicate(60260, 100);

    List<DuplicateLink> links = linksForSignatureCanonical(60260);

    assertThat(links)
        .singleElement()
        .satisfies(
            link -> {
              assertThat(link.number()).isEqualTo(100);
              assertThat(link.role()).isEqualTo(DuplicateLink.Role.SIGNATURE_CANONICAL);
              assertThat(link.via()).containsExactly(60260);
            });
  }

  @Test
  void aSignatureCanonicalTheIndexDoesNotKnowIsTrusted() {
    List<DuplicateLink> links = linksForSignatureCanonical(60260);

    assertThat(links)
        .singleElement()
        .satisfies(
            link -> {
              assertThat(link.number()).isEqualTo(60260);
              assertThat(link.state()).isNull();
              assertThat(link.title()).isEmpty();
            });
  }

  @Test
  void duplicatesWhoseTargetIsUnknownOrMissingLinkNothing() {
    IndexedIssue targetNeverLearned = closed(600, StateReason.DUPLICATE);
    IndexedIssue targetNotIndexed = duplicate(601, 999_999);

    List<DuplicateLink> links =
        POLICY.links(
            SELF,
            Optional.empty(),
            List.of(hit(targetNeverLearned, 0.9), hit(targetNotIndexed, 0.9)),
            lookup);

    assertThat(links).isEmpty();
  }

  @Test
  void noIssueIsLinkedTwiceAndNeverToItself() {
    IndexedIssue root = open(100);
    IndexedIssue viaChain = duplicate(101, root.number());
    IndexedIssue duplicateOfSelf = duplicate(102, SELF.getAsInt());
    open(SELF.getAsInt());

    List<DuplicateLink> links =
        POLICY.links(
            SELF,
            Optional.of(new SignatureCanonical("sig", 100)),
            List.of(
                hit(viaChain, 0.9), hit(root, 0.8), hit(duplicateOfSelf, 0.8), hit(open(200), 0.5)),
            lookup);

    assertThat(links).extracting(DuplicateLink::number).containsExactly(100, 200);
  }

  private List<DuplicateLink> linksForSignatureCanonical(int canonical) {
    return POLICY.links(
        SELF, Optional.of(new SignatureCanonical("sig", canonical)), List.of(), lookup);
  }

  private IndexedIssue open(int number) {
    IndexedIssue issue = IndexedIssue.open(number, "issue " + number, "", List.of());
    issues.put(number, issue);
    return issue;
  }

  private IndexedIssue closed(int number, StateReason reason) {
    IndexedIssue issue = open(number).withState(State.CLOSED, reason, null);
    issues.put(number, issue);
    return issue;
  }

  private IndexedIssue duplicate(int number, int of) {
    IndexedIssue issue = open(number).withState(State.CLOSED, StateReason.DUPLICATE, of);
    issues.put(number, issue);
    return issue;
  }

  private static SimilarIssue hit(IndexedIssue issue, double relativeScore) {
    return new SimilarIssue(
        issue, relativeScore * 10, relativeScore, MatchReason.sharedTerms(List.of("word")));
  }
}
