package dev.triagebot.bot.queue;

import java.util.Locale;

/** What a job does with its delivery; stored in lower case in {@code triage_job.kind}. */
public enum JobKind {
  /** Triage an issue that was opened, reopened or edited. */
  TRIAGE,
  /** Follow up a comment (a command, an objection) or a label change by a person. */
  REVIEW;

  /** The value in the {@code kind} column. */
  public String column() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Reads a {@code kind} column value. */
  public static JobKind parse(String value) {
    return valueOf(value.trim().toUpperCase(Locale.ROOT));
  }
}
