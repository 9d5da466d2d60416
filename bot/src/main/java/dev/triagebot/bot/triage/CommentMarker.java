package dev.triagebot.bot.triage;

import java.util.regex.Pattern;

/**
 * The hidden first line by which the bot finds its own comment on an issue: {@code <!--
 * triage-bot:signature=ID -->}. Defined here only; the renderer writes it, the executor looks for
 * it.
 */
public final class CommentMarker {
  private static final String PREFIX = "<!-- triage-bot:";
  private static final String SUFFIX = " -->";
  private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._]+(-[A-Za-z0-9._]+)*");

  private CommentMarker() {}

  /** The marker for a comment about this signature. */
  public static String forSignature(String signatureId) {
    // An id that could close the HTML comment early would leak the rest of the line into view.
    if (signatureId == null || !SAFE_ID.matcher(signatureId).matches()) {
      throw new IllegalArgumentException("not a signature id fit for a marker: " + signatureId);
    }
    return PREFIX + "signature=" + signatureId + SUFFIX;
  }

  /**
   * Whether a comment body is the bot's: it starts with the marker. Only the start counts, so a
   * person quoting the bot's comment ({@code > <!-- ...}) is not mistaken for it.
   */
  public static boolean isOurs(String body) {
    return body != null && body.stripLeading().startsWith(PREFIX);
  }
}
