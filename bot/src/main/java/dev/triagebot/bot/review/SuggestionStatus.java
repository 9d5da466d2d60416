package dev.triagebot.bot.review;

import java.util.Locale;

/** What became of a suggestion, or of one of its labels; stored in lower case. */
public enum SuggestionStatus {
  /** Made, and nobody has said anything yet. */
  PENDING,
  /** A maintainer accepted it (command, page, or adding a suggested label). */
  ACCEPTED,
  /** A maintainer rejected it (command, page, or removing a label the bot applied). */
  REJECTED,
  /** Someone objected: a 👎 on the bot's comment, or the reporter saying it is not this problem. */
  OBJECTED,
  /** A later triage of the issue (an edit, a rerun) replaced it. */
  SUPERSEDED;

  /** The value in the {@code status} and {@code outcome} columns. */
  public String column() {
    return name().toLowerCase(Locale.ROOT);
  }

  static SuggestionStatus parse(String value) {
    return valueOf(value.trim().toUpperCase(Locale.ROOT));
  }
}
