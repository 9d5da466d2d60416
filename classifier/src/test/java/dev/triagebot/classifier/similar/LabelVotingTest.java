package dev.triagebot.classifier.similar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.triagebot.classifier.text.IssueText;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LabelVotingTest {
  private static final LabelVoting VOTING = new LabelVoting(10, 2, 0.4, 0.1);
  private static final Set<String> REPOSITORY =
      Set.of("area:mcp", "area:auth", "area:tui", "platform:windows", "platform:macos", "bug");
  private static final IssueText TEXT = new IssueText("server fails", "it fails to start");

  @Test
  void labelsMostSimilarIssuesAgreeOnAreSuggestedWithTheirVoters() {
    List<SimilarIssue> neighbours =
        List.of(
            hit(1, 0.9, "area:mcp", "area:auth"),
            hit(2, 0.8, "area:mcp"),
            hit(3, 0.7, "area:mcp", "area:auth"),
            hit(4, 0.3, "area:tui"));

    List<LabelSuggestion> suggestions = VOTING.suggest(TEXT, neighbours, REPOSITORY, List.of());

    assertThat(suggestions)
        .extracting(LabelSuggestion::label)
        .containsExactly("area:mcp", "area:auth");
    assertThat(suggestions.get(0).voters()).containsExactly(1, 2, 3);
    assertThat(suggestions.get(0).share())
        .isCloseTo(2.4 / 2.7, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(suggestions.get(1).voters()).containsExactly(1, 3);
  }

  @Test
  void oneVoterIsNotEnoughHoweverSimilar() {
    List<LabelSuggestion> suggestions =
        VOTING.suggest(TEXT, List.of(hit(1, 1.0, "area:mcp")), REPOSITORY, List.of());

    assertThat(suggestions).isEmpty();
  }

  @Test
  void aLabelWithTooSmallAShareOfTheWeightIsNotSuggested() {
    List<SimilarIssue> neighbours =
        List.of(
            hit(1, 0.9, "area:tui"),
            hit(2, 0.9, "area:tui"),
            hit(3, 0.9, "area:tui"),
            hit(4, 0.3, "area:mcp"),
            hit(5, 0.3, "area:mcp"));

    List<LabelSuggestion> suggestions = VOTING.suggest(TEXT, neighbours, REPOSITORY, List.of());

    assertThat(suggestions).extracting(LabelSuggestion::label).containsExactly("area:tui");
  }

  @Test
  void aLabelTheRepositoryNoLongerHasIsNeverSuggested() {
    List<SimilarIssue> neighbours =
        List.of(
            hit(1, 0.9, "area:sandbox"), hit(2, 0.8, "area:sandbox"), hit(3, 0.7, "area:sandbox"));

    List<LabelSuggestion> suggestions = VOTING.suggest(TEXT, neighbours, REPOSITORY, List.of());

    assertThat(suggestions).isEmpty();
  }

  @Test
  void onlyAreaAndPlatformLabelsTakePart() {
    List<SimilarIssue> neighbours = List.of(hit(1, 0.9, "bug"), hit(2, 0.8, "bug"));

    assertThat(VOTING.suggest(TEXT, neighbours, REPOSITORY, List.of())).isEmpty();
  }

  @Test
  void aPlatformIsSuggestedOnlyWhenTheIssueTextNamesIt() {
    List<SimilarIssue> neighbours =
        List.of(
            hit(1, 0.9, "area:mcp", "platform:windows"),
            hit(2, 0.8, "area:mcp", "platform:windows"));
    IssueText mentionsWindows =
        new IssueText("npx fails", "On Windows 11 in PowerShell the server never starts");

    List<LabelSuggestion> silent = VOTING.suggest(TEXT, neighbours, REPOSITORY, List.of());
    List<LabelSuggestion> named =
        VOTING.suggest(mentionsWindows, neighbours, REPOSITORY, List.of());

    assertThat(silent).extracting(LabelSuggestion::label).containsExactly("area:mcp");
    assertThat(named)
        .extracting(LabelSuggestion::label)
        .containsExactly("area:mcp", "platform:windows");
  }

  @Test
  void labelsTheIssueAlreadyHasAreNotSuggestedAgain() {
    List<SimilarIssue> neighbours = List.of(hit(1, 0.9, "area:mcp"), hit(2, 0.8, "area:mcp"));

    assertThat(VOTING.suggest(TEXT, neighbours, REPOSITORY, List.of("area:mcp"))).isEmpty();
  }

  @Test
  void neighboursBelowTheSimilarityFloorDoNotVote() {
    List<SimilarIssue> neighbours = List.of(hit(1, 0.09, "area:mcp"), hit(2, 0.05, "area:mcp"));

    assertThat(VOTING.suggest(TEXT, neighbours, REPOSITORY, List.of())).isEmpty();
  }

  @Test
  void onlyTheKNearestLabelledIssuesVote() {
    LabelVoting twoVoters = new LabelVoting(2, 2, 0.4, 0.1);
    List<SimilarIssue> neighbours =
        List.of(
            hit(1, 0.9, "area:tui"),
            hit(2, 0.9),
            hit(3, 0.8, "area:tui"),
            hit(4, 0.7, "area:mcp"),
            hit(5, 0.7, "area:mcp"));

    List<LabelSuggestion> suggestions = twoVoters.suggest(TEXT, neighbours, REPOSITORY, List.of());

    assertThat(suggestions)
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.label()).isEqualTo("area:tui");
              assertThat(s.voters()).containsExactly(1, 3);
            });
  }

  private static SimilarIssue hit(int number, double relativeScore, String... labels) {
    return new SimilarIssue(
        IndexedIssue.open(number, "issue " + number, "", List.of(labels)),
        relativeScore * 10,
        relativeScore,
        MatchReason.sharedTerms(List.of("word")));
  }
}
