package dev.triagebot.bot.triage;

import java.util.Objects;

/**
 * Why the bot's suggestion on an issue no longer stands, as its comment then says.
 *
 * @param kind a maintainer's reject, or an objection anyone raised
 * @param by login of whoever withdrew it
 * @param reason the reason given, possibly empty
 */
public record Withdrawal(Kind kind, String by, String reason) {

  /** How the suggestion was withdrawn. */
  public enum Kind {
    /** {@code /triage reject}, or the page's Reject button: labels and duplicate link go. */
    REJECTED,
    /** A 👎 on the comment, or the reporter saying it is not this problem: the link goes. */
    OBJECTED
  }

  public Withdrawal {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(by, "by");
    reason = Objects.requireNonNullElse(reason, "");
  }
}
