package dev.triagebot.bot.review;

import java.util.Locale;
import java.util.Optional;

/**
 * A {@code /triage} command read from a comment: the first line that starts with {@code /triage}
 * (quoted lines, starting with {@code >}, never count).
 *
 * @param verb what is asked
 * @param argument the rest of the line (a reject's reason), possibly empty
 * @param line the command line as written, for the record
 */
public record TriageCommand(Verb verb, String argument, String line) {
  static final String PREFIX = "/triage";

  /** The commands. */
  public enum Verb {
    ACCEPT,
    REJECT,
    EXPLAIN,
    RERUN,
    /** {@code /triage} followed by anything else. */
    UNKNOWN
  }

  /** The command in a comment body, if it holds one. */
  public static Optional<TriageCommand> parse(String body) {
    if (body == null) {
      return Optional.empty();
    }
    for (String raw : body.split("\\R")) {
      String line = raw.strip();
      if (!line.startsWith(PREFIX)) {
        continue;
      }
      String rest = line.substring(PREFIX.length());
      if (!rest.isEmpty() && !Character.isWhitespace(rest.charAt(0))) {
        continue; // "/triaged" is not our command
      }
      rest = rest.strip();
      int space = indexOfWhitespace(rest);
      String word = space < 0 ? rest : rest.substring(0, space);
      String argument = space < 0 ? "" : rest.substring(space).strip();
      return Optional.of(new TriageCommand(verb(word), argument, line));
    }
    return Optional.empty();
  }

  private static Verb verb(String word) {
    return switch (word.toLowerCase(Locale.ROOT)) {
      case "accept" -> Verb.ACCEPT;
      case "reject" -> Verb.REJECT;
      case "explain" -> Verb.EXPLAIN;
      case "rerun" -> Verb.RERUN;
      default -> Verb.UNKNOWN;
    };
  }

  private static int indexOfWhitespace(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (Character.isWhitespace(text.charAt(i))) {
        return i;
      }
    }
    return -1;
  }
}
