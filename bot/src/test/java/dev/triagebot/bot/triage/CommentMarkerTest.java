package dev.triagebot.bot.triage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CommentMarkerTest {

  @Test
  void theMarkerIsAHiddenHtmlCommentNamingTheSignature() {
    assertThat(CommentMarker.forSignature("mcp-oauth-token-not-honored"))
        .isEqualTo("<!-- triage-bot:signature=mcp-oauth-token-not-honored -->");
  }

  @Test
  void aCommentIsOursOnlyWhenItStartsWithTheMarker() {
    String ours = CommentMarker.forSignature("x") + "\nbody";

    assertThat(CommentMarker.isOurs(ours)).isTrue();
    assertThat(CommentMarker.isOurs("\n  " + ours)).isTrue();
    assertThat(CommentMarker.isOurs("> " + ours)).as("a quote of ours").isFalse();
    assertThat(CommentMarker.isOurs("I agree\n" + ours)).isFalse();
    assertThat(CommentMarker.isOurs(null)).isFalse();
  }

  @Test
  void signatureIdsThatCouldCloseTheHtmlCommentAreRefused() {
    assertThatThrownBy(() -> CommentMarker.forSignature("x-->visible"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CommentMarker.forSignature("a--b"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CommentMarker.forSignature("has space"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
