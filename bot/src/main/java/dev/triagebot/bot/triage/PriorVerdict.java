package dev.triagebot.bot.triage;

import java.util.Objects;

/**
 * What became of the bot's current suggestion on an issue, as review recorded it: a fact the
 * decision weighs, so that an edit never brings back what a maintainer withdrew.
 *
 * @param signatureId the signature that suggestion was about
 * @param outcome where it stands
 */
public record PriorVerdict(String signatureId, Outcome outcome) {
  /** Where a suggestion stands. */
  public enum Outcome {
    PENDING,
    ACCEPTED,
    /** A maintainer rejected it. */
    REJECTED,
    /** Someone objected to it (a 👎, or the reporter). */
    OBJECTED;

    /** As the review store writes it. */
    public String column() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public PriorVerdict {
    Objects.requireNonNull(signatureId, "signatureId");
    Objects.requireNonNull(outcome, "outcome");
  }

  /** Whether the suggestion was taken back: only a maintainer's rerun may bring it again. */
  public boolean withdrawn() {
    return outcome == Outcome.REJECTED || outcome == Outcome.OBJECTED;
  }
}
