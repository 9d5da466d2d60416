package dev.triagebot.classifier.text;

import java.util.regex.Pattern;

/**
 * Removes the parts of a Markdown issue body that say nothing about the bug: HTML comments,
 * headings and task-list lines (the fixed text of issue forms such as claude-code's "Preflight
 * Checklist" and "What's Wrong?"), and the forms' "_No response_" placeholders. Code blocks and
 * logs stay: they often hold the strongest evidence.
 */
public final class ReportText {
  private static final Pattern HTML_COMMENT = Pattern.compile("<!--.*?-->", Pattern.DOTALL);
  private static final Pattern TEMPLATE_LINE =
      Pattern.compile(
          "^[ \\t]*(#{1,6}[ \\t].*|[-*][ \\t]+\\[[ xX]\\][ \\t].*|_No response_)[ \\t]*$",
          Pattern.MULTILINE);

  private ReportText() {}

  public static String clean(String markdown) {
    String withoutComments = HTML_COMMENT.matcher(markdown).replaceAll(" ");
    return TEMPLATE_LINE.matcher(withoutComments).replaceAll("");
  }
}
