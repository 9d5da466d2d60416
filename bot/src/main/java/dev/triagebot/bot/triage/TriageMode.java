package dev.triagebot.bot.triage;

/** What the bot may do on GitHub. */
public enum TriageMode {
  /** Record and log the plan; write nothing. */
  DRY_RUN,
  /** Post the comment with suggested labels; apply none. */
  SUGGEST,
  /** Apply labels above the apply threshold; suggest between the thresholds. */
  APPLY
}
