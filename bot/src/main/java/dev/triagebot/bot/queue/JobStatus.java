package dev.triagebot.bot.queue;

import java.util.Locale;

/** Where a job stands; stored in lower case. */
public enum JobStatus {
  /** Waiting for its {@code run_at}. */
  QUEUED,
  /** Leased by a worker until {@code lease_until}; after that it counts as abandoned. */
  RUNNING,
  /** Triaged. */
  DONE,
  /** Parked after its last attempt failed; waits for {@code retry-failed}. */
  FAILED;

  /** The value in the {@code status} column. */
  public String column() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Reads a {@code status} column value or a command-line argument. */
  public static JobStatus parse(String value) {
    return valueOf(value.trim().toUpperCase(Locale.ROOT));
  }
}
