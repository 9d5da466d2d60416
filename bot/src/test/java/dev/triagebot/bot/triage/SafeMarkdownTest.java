package dev.triagebot.bot.triage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SafeMarkdownTest {
  /** What GitHub turns into a mention: @ then a login, not preceded by a word character. */
  static final Pattern MENTION = Pattern.compile("(?<![\\w`])@[A-Za-z0-9][A-Za-z0-9-]*");

  /** What GitHub turns into an issue reference. */
  static final Pattern ISSUE_REFERENCE = Pattern.compile("(?<![\\w&])#[0-9]+");

  @Test
  void mentionsAreNeutralisedSoNobodyIsPinged() {
    String quoted = SafeMarkdown.inline("cc @octocat and @anthropics/maintainers, thanks");

    assertThat(MENTION.matcher(quoted).find()).as(quoted).isFalse();
    assertThat(quoted).contains("@&#8203;octocat").contains("@&#8203;anthropics/maintainers");
  }

  @Test
  void issueReferencesAndUrlsAreNeutralisedSoNoTimelineIsTouched() {
    String quoted = SafeMarkdown.inline("same as #123 and https://github.com/o/r/issues/9");

    assertThat(ISSUE_REFERENCE.matcher(quoted).find()).as(quoted).isFalse();
    assertThat(quoted).doesNotContain("://").contains("https:&#8203;//github.com");
  }

  @Test
  void htmlCannotBeInjected() {
    String quoted = SafeMarkdown.inline("<img src=x onerror=alert(1)> <!-- triage-bot:x --> &amp;");

    assertThat(quoted).doesNotContain("<").doesNotContain(">");
    assertThat(quoted).startsWith("&lt;img src=x onerror=alert(1)&gt; &lt;!-- triage-bot:");
    assertThat(quoted).endsWith("&amp;amp;");
  }

  @Test
  void markdownPunctuationIsEscapedSoQuotesCannotBreakOut() {
    String quoted = SafeMarkdown.inline("``` **bold** [link](http://x) |a|b| ~~s~~ $x$ \\");

    assertThat(quoted)
        .isEqualTo(
            "\\`\\`\\` \\*\\*bold\\*\\* \\[link\\](http:&#8203;//x) \\|a\\|b\\| \\~\\~s\\~\\~"
                + " \\$x\\$ \\\\");
  }

  @Test
  void lineBreaksAndControlCharactersBecomeSingleSpaces() {
    String quoted = SafeMarkdown.inline("first\r\n\r\n# heading\n- item\u0000\tend\u2028x");

    assertThat(quoted).isEqualTo("first #&#8203; heading - item end x");
  }

  @Test
  void bidiOverridesAreDropped() {
    assertThat(SafeMarkdown.inline("abc\u202Edcb\u2066x")).isEqualTo("abcdcbx");
  }

  @Test
  void excerptsAreCappedAtWholeCodePointsWithAnEllipsis() {
    String longText = "token ".repeat(30) + "end";
    String emoji = "ab\uD83D\uDE00cd";

    assertThat(SafeMarkdown.excerpt(longText, 20)).isEqualTo("token token token to…");
    assertThat(SafeMarkdown.excerpt(emoji, 3)).isEqualTo("ab\uD83D\uDE00…");
    assertThat(SafeMarkdown.excerpt("short\nenough", 20)).isEqualTo("short enough");
    assertThat(SafeMarkdown.excerpt("`Authentication successful`", 80))
        .isEqualTo("Authentication successful");
    assertThat(SafeMarkdown.excerpt("stays in 'Needs authentication", 80))
        .isEqualTo("stays in 'Needs authentication");
  }

  @Test
  void codeSpansUseALongerFenceThanAnyBacktickRunInside() {
    assertThat(SafeMarkdown.codeSpan("area:auth")).isEqualTo("`area:auth`");
    assertThat(SafeMarkdown.codeSpan("a`b``c")).isEqualTo("```a`b``c```");
    assertThat(SafeMarkdown.codeSpan("`edge")).isEqualTo("`` `edge ``");
    assertThat(SafeMarkdown.codeSpan("two\n\nparagraphs")).isEqualTo("`two paragraphs`");
  }
}
