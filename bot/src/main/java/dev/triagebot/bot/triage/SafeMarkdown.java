package dev.triagebot.bot.triage;

/**
 * Makes text written by issue authors safe to put into the bot's comment: it cannot ping anyone,
 * reference other issues, open HTML or Markdown constructs, or break out of its line.
 *
 * <p>Mentions and issue references are neutralised the way Renovate and Dependabot do it: a
 * zero-width space (written as the entity {@code &#8203;}, so that it is visible in review) after
 * {@code @} and {@code #}. GitHub links mentions in the rendered text, where {@code @}, zero-width
 * space, {@code name} no longer forms one.
 */
public final class SafeMarkdown {
  private static final String ZERO_WIDTH_SPACE = "&#8203;";

  /**
   * Characters with inline Markdown meaning (emphasis, code, links, tables, strikethrough, math).
   */
  private static final String MARKDOWN_PUNCTUATION = "\\`*_[]|~$";

  private static final String ELLIPSIS = "…";

  /** Quote marks and brackets that a quote drops from its ends. */
  private static final String ENCLOSING = "`'\"“”‘’«»()[]{}<>*_~ ";

  private SafeMarkdown() {}

  /**
   * Plain text for use within one line of Markdown: whitespace and control characters collapsed to
   * single spaces, HTML and Markdown punctuation escaped, mentions, issue references and URLs
   * neutralised.
   */
  public static String inline(String raw) {
    String text = oneLine(raw);
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '@', '#' -> out.append(c).append(ZERO_WIDTH_SPACE);
        case ':' -> {
          out.append(c);
          // No autolinked URLs: a link to an issue would add a reference to its timeline.
          if (text.startsWith("//", i + 1)) {
            out.append(ZERO_WIDTH_SPACE);
          }
        }
        default -> {
          if (MARKDOWN_PUNCTUATION.indexOf(c) >= 0) {
            out.append('\\');
          }
          out.append(c);
        }
      }
    }
    return out.toString();
  }

  /**
   * A short excerpt to quote: on one line, without quote marks or brackets left dangling at its
   * ends (a match often starts inside {@code `...`} or {@code '...'}), at most {@code limit}
   * characters (whole code points), with an ellipsis when shortened. Still raw: escape it with
   * {@link #inline(String)}.
   */
  public static String excerpt(String raw, int limit) {
    String text = trimEnclosing(oneLine(raw));
    if (text.codePointCount(0, text.length()) <= limit) {
      return text;
    }
    int end = text.offsetByCodePoints(0, limit);
    return text.substring(0, end).stripTrailing() + ELLIPSIS;
  }

  /**
   * Trusted Markdown (the reviewed catalog's checklist items) kept to one line, so that it cannot
   * end the task list it is rendered into.
   */
  public static String line(String markdown) {
    return oneLine(markdown);
  }

  /**
   * A code span showing {@code literal} verbatim: GitHub renders nothing inside a code span (no
   * HTML, no mentions), and the fence is longer than any run of backticks inside, so nothing breaks
   * out. For trusted short values such as label names.
   */
  public static String codeSpan(String literal) {
    String text = oneLine(literal);
    int longestRun = 0;
    int run = 0;
    for (int i = 0; i < text.length(); i++) {
      run = text.charAt(i) == '`' ? run + 1 : 0;
      longestRun = Math.max(longestRun, run);
    }
    String fence = "`".repeat(longestRun + 1);
    boolean pad = text.startsWith("`") || text.endsWith("`");
    return fence + (pad ? " " : "") + text + (pad ? " " : "") + fence;
  }

  private static String trimEnclosing(String text) {
    int start = 0;
    int end = text.length();
    while (start < end && ENCLOSING.indexOf(text.charAt(start)) >= 0) {
      start++;
    }
    while (end > start && ENCLOSING.indexOf(text.charAt(end - 1)) >= 0) {
      end--;
    }
    return text.substring(start, end).strip();
  }

  /**
   * Line breaks, tabs and other control characters become spaces, runs of spaces one; bidi override
   * characters (which can make text read differently from what it is) are dropped.
   */
  private static String oneLine(String raw) {
    if (raw == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(raw.length());
    boolean space = false;
    for (int i = 0; i < raw.length(); ) {
      int cp = raw.codePointAt(i);
      i += Character.charCount(cp);
      if (isBidiControl(cp)) {
        continue;
      }
      if (Character.isWhitespace(cp)
          || Character.isSpaceChar(cp)
          || Character.getType(cp) == Character.CONTROL) {
        space = out.length() > 0;
        continue;
      }
      if (space) {
        out.append(' ');
        space = false;
      }
      out.appendCodePoint(cp);
    }
    return out.toString();
  }

  private static boolean isBidiControl(int cp) {
    return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
  }
}
