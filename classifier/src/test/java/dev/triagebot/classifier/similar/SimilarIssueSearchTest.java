package dev.triagebot.classifier.similar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.triagebot.classifier.text.IssueText;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SimilarIssueSearchTest {
  private static IssueIndex history;
  private static SimilarIssueSearch search;

  @BeforeAll
  static void indexTheHistory() {
    history = IssueIndex.inMemory();
    history.rebuild(SimilarCorpora.history());
    search = new SimilarIssueSearch(history);
  }

  @AfterAll
  static void close() {
    history.close();
  }

  @Test
  void anIndexedIssueNeverFindsItself() {
    IndexedIssue issue = history.find(58500).orElseThrow();

    List<SimilarIssue> hits = search.find(IssueQuery.of(58500, issue.text()), 10);

    assertThat(hits).extracting(hit -> hit.issue().number()).doesNotContain(58500);
    assertThat(hits.get(0).issue().number()).isIn(58620, 58733);
  }

  @Test
  void anExactCopyScoresOneRelativeToItself() {
    IndexedIssue issue = history.find(57410).orElseThrow();

    List<SimilarIssue> hits = search.find(IssueQuery.unnumbered(issue.text()), 3);

    assertThat(hits.get(0).issue().number()).isEqualTo(57410);
    assertThat(hits.get(0).relativeScore()).isCloseTo(1.0, within(1e-4));
    assertThat(hits.get(1).relativeScore()).isLessThan(0.9);
  }

  @Test
  void onlyHitsReachingTheExplainFloorAreExplained() {
    IndexedIssue issue = history.find(57410).orElseThrow();

    List<SimilarIssue> hits = search.find(IssueQuery.unnumbered(issue.text()), 10, 0.5);

    assertThat(hits).hasSize(10);
    assertThat(hits)
        .filteredOn(hit -> hit.relativeScore() >= 0.5)
        .isNotEmpty()
        .allSatisfy(
            hit -> assertThat(hit.reason().kind()).isNotEqualTo(MatchReason.Kind.NOT_EXPLAINED));
    assertThat(hits)
        .filteredOn(hit -> hit.relativeScore() < 0.5)
        .isNotEmpty()
        .allSatisfy(
            hit -> assertThat(hit.reason().kind()).isEqualTo(MatchReason.Kind.NOT_EXPLAINED));
  }

  @Test
  void aTitleMatchWeighsMoreThanTheSameWordsInABody() {
    try (IssueIndex index = IssueIndex.inMemory()) {
      List<IndexedIssue> issues = new ArrayList<>(filler());
      issues.add(
          IndexedIssue.open(1, "Keychain prompt loops", "It happens on every start.", List.of()));
      issues.add(
          IndexedIssue.open(2, "It happens on every start", "Keychain prompt loops.", List.of()));
      index.rebuild(issues);

      List<SimilarIssue> hits =
          new SimilarIssueSearch(index)
              .find(IssueQuery.unnumbered(new IssueText("keychain prompt loops", "")), 2);

      assertThat(hits).extracting(hit -> hit.issue().number()).containsExactly(1, 2);
    }
  }

  @Test
  void aSharedDistinctiveErrorLineIsTheReason() {
    IssueText report =
        new IssueText(
            "MCP won't start",
            "Since the update:\n\n```\n12:01:07 [MCP] Error: spawn npx ENOENT\n```\nWindows 11.");

    List<SimilarIssue> hits = search.find(IssueQuery.unnumbered(report), 3);

    assertThat(hits.get(0).issue().number()).isIn(58500, 58620, 58733);
    assertThat(hits.get(0).reason().kind()).isEqualTo(MatchReason.Kind.SAME_ERROR_TEXT);
    assertThat(hits)
        .allSatisfy(
            hit ->
                assertThat(hit.reason().oneLine())
                    .as("the timestamp differs between reports and is not quoted")
                    .matches("same error text: `(\\[MCP\\] )?Error: spawn npx ENOENT`"));
  }

  @Test
  void aLineManyIssuesShareIsNoReasonAndTheStrongestSharedWordsAreGivenInstead() {
    try (IssueIndex index = IssueIndex.inMemory()) {
      List<IndexedIssue> issues = new ArrayList<>();
      for (int i = 1; i <= 10; i++) {
        issues.add(
            IndexedIssue.open(
                i,
                "Issue " + i,
                "Steps to reproduce the problem in this terminal window\nword" + i,
                List.of()));
      }
      issues.add(
          IndexedIssue.open(
              11,
              "Scrollback jumps",
              "Steps to reproduce the problem in this terminal window\nscrollback jumps to the top while streaming",
              List.of()));
      index.rebuild(issues);

      List<SimilarIssue> hits =
          new SimilarIssueSearch(index)
              .find(
                  IssueQuery.unnumbered(
                      new IssueText(
                          "scrollback jumps",
                          "Steps to reproduce the problem in this terminal window\nthe scrollback jumps while streaming")),
                  1);

      assertThat(hits)
          .singleElement()
          .satisfies(
              hit -> {
                assertThat(hit.issue().number()).isEqualTo(11);
                assertThat(hit.reason().kind()).isEqualTo(MatchReason.Kind.SHARED_TERMS);
                assertThat(hit.reason().terms())
                    .containsExactlyInAnyOrder("scrollback", "jumps", "streaming");
              });
    }
  }

  @Test
  void userTextInAReasonCanNeitherMentionAnyoneNorBreakTheComment() {
    MatchReason reason =
        MatchReason.sharedLine(true, "Error: `@octocat` said ```boom``` " + "x".repeat(100));

    assertThat(reason.oneLine())
        .startsWith("same error text: `Error: '@octocat' said '''boom'''")
        .endsWith("…`")
        .doesNotContain("`@");
  }

  @Test
  void anEmptyIndexOrAnEmptyQueryFindsNothing() {
    try (IssueIndex empty = IssueIndex.inMemory()) {
      assertThat(
              new SimilarIssueSearch(empty)
                  .find(IssueQuery.unnumbered(new IssueText("a b", "c")), 5))
          .isEmpty();
    }
    assertThat(search.find(IssueQuery.unnumbered(new IssueText("", "")), 5)).isEmpty();
    assertThat(search.find(IssueQuery.unnumbered(new IssueText("qwxz", "zzyqv")), 5)).isEmpty();
  }

  private static List<IndexedIssue> filler() {
    List<IndexedIssue> issues = new ArrayList<>();
    for (int i = 100; i < 120; i++) {
      issues.add(
          IndexedIssue.open(i, "Unrelated report " + i, "Something else entirely " + i, List.of()));
    }
    return issues;
  }
}
