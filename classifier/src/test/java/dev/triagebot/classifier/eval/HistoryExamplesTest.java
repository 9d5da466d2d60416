package dev.triagebot.classifier.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.triagebot.classifier.catalog.Signature;
import dev.triagebot.classifier.catalog.SignatureCatalog;
import dev.triagebot.classifier.similar.IndexedIssue.State;
import dev.triagebot.classifier.similar.IndexedIssue.StateReason;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class HistoryExamplesTest {
  private static final Signature SIGNATURE =
      SignatureCatalog.load(Path.of("../config/signatures"))
          .find("mcp-oauth-token-not-honored")
          .orElseThrow();

  @Test
  void theCanonicalIssueAndItsDuplicatesAreInstancesSettledIssuesOthersOpenOnesLeftOut() {
    List<HistoryRecord> history =
        List.of(
            issue(60260, State.OPEN, null, null, List.of()),
            issue(2, State.CLOSED, StateReason.DUPLICATE, 60260, List.of()),
            issue(3, State.OPEN, null, null, List.of(SIGNATURE.id())),
            issue(4, State.CLOSED, StateReason.DUPLICATE, 999, List.of()),
            issue(5, State.CLOSED, StateReason.COMPLETED, null, List.of()),
            issue(6, State.OPEN, null, null, List.of()));

    HistoryExamples.Split split = HistoryExamples.of(history, SIGNATURE);

    assertThat(split.instances()).isEqualTo(3);
    assertThat(split.others()).isEqualTo(2);
    assertThat(split.undecided()).isEqualTo(1);
    assertThat(split.examples())
        .extracting(LabelledIssue::id, example -> !example.signatures().isEmpty())
        .containsExactly(
            tuple("#60260", true),
            tuple("#2", true),
            tuple("#3", true),
            tuple("#4", false),
            tuple("#5", false));
  }

  @Test
  void aMaintainersVerdictOutweighsTheIssuesState() {
    List<HistoryRecord> history =
        List.of(
            issue(7, State.OPEN, null, null, List.of()),
            issue(8, State.CLOSED, StateReason.DUPLICATE, 60260, List.of()),
            issue(9, State.OPEN, null, null, List.of()));

    HistoryExamples.Split split =
        HistoryExamples.of(history, SIGNATURE, java.util.Map.of("#7", true, "#8", false));

    assertThat(split.examples())
        .extracting(LabelledIssue::id, example -> !example.signatures().isEmpty())
        .containsExactly(tuple("#7", true), tuple("#8", false));
    assertThat(split.undecided()).isEqualTo(1);
  }

  private static HistoryRecord issue(
      int number, State state, StateReason reason, Integer duplicateOf, List<String> signatures) {
    return new HistoryRecord(
        "history.jsonl:" + number,
        null,
        number,
        "title " + number,
        "body " + number,
        List.of(),
        signatures,
        state,
        reason,
        duplicateOf,
        null,
        null,
        null);
  }
}
