package dev.triagebot.bot.review;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Recognises a reporter saying the bot got it wrong: "this is not a duplicate", "not the same
 * problem", "unrelated issue". Quoted lines and code are left out, so quoting the bot or pasting a
 * log does not count; a question ("is this not a duplicate of ...?") does not count either.
 */
public final class Objections {
  private static final List<Pattern> PHRASES =
      List.of(
          Pattern.compile(
              "\\b(?:not|isn'?t|is not|aren'?t|never was)\\s+(?:really\\s+)?(?:a\\s+|the\\s+)?"
                  + "(?:duplicate|dupe|dup)\\b"),
          Pattern.compile(
              "\\bnot\\s+(?:the\\s+same|this|that|related to (?:this|that|the))\\s+"
                  + "(?:issue|problem|bug|error|thing)\\b"),
          Pattern.compile(
              "\\b(?:a\\s+)?(?:different|unrelated|separate)\\s+(?:issue|problem|bug)\\b"),
          Pattern.compile("\\b(?:is\\s+not|isn'?t|not)\\s+the\\s+same\\b"),
          Pattern.compile("\\bwrong\\s+(?:duplicate|diagnosis|match|signature)\\b"),
          Pattern.compile("\\bnot\\s+(?:related|relevant)\\b"));

  private Objections() {}

  /** Whether the comment says the bot's diagnosis or duplicate link is wrong. */
  public static boolean raisedIn(String body) {
    if (body == null) {
      return false;
    }
    StringBuilder own = new StringBuilder();
    boolean fenced = false;
    for (String line : body.split("\\R")) {
      String stripped = line.strip();
      if (stripped.startsWith("```") || stripped.startsWith("~~~")) {
        fenced = !fenced;
        continue;
      }
      if (fenced || stripped.startsWith(">")) {
        continue;
      }
      own.append(stripped.replaceAll("`[^`]*`", " ")).append('\n');
    }
    String text = own.toString().toLowerCase(Locale.ROOT).replace('’', '\'');
    for (String sentence : text.split("(?<=[.!?\\n])")) {
      if (sentence.strip().endsWith("?")) {
        continue;
      }
      for (Pattern phrase : PHRASES) {
        if (phrase.matcher(sentence).find()) {
          return true;
        }
      }
    }
    return false;
  }
}
