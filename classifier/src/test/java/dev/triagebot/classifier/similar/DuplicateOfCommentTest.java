package dev.triagebot.classifier.similar;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DuplicateOfCommentTest {
  private static final String REPO = "anthropics/claude-code";

  @Test
  void readsTheTargetOfADuplicateOfLine() {
    assertThat(DuplicateOfComment.target("Thanks!\n\nDuplicate of #60260\n", REPO)).hasValue(60260);
    assertThat(DuplicateOfComment.target("duplicate of #12", REPO)).hasValue(12);
  }

  @Test
  void readsAFullLinkIntoTheSameRepository() {
    assertThat(
            DuplicateOfComment.target(
                "Duplicate of https://github.com/anthropics/claude-code/issues/55120", REPO))
        .hasValue(55120);
  }

  @Test
  void ignoresLinksIntoOtherRepositoriesAndMentionsInsideSentences() {
    assertThat(
            DuplicateOfComment.target(
                "Duplicate of https://github.com/someone/else/issues/7", REPO))
        .isEmpty();
    assertThat(DuplicateOfComment.target("This is not a duplicate of #12, reopening.", REPO))
        .isEmpty();
    assertThat(DuplicateOfComment.target(null, REPO)).isEmpty();
  }
}
