package dev.triagebot.bot.queue;

import org.slf4j.MDC;

/**
 * The keys that tie a log line to the work it belongs to, put in the logging context (SLF4J's MDC)
 * while a delivery is received or a job runs. Plain-text logs show them after the thread name,
 * structured (JSON) logs as fields of their own.
 */
public final class LogContext implements AutoCloseable {
  /** GitHub's delivery id ({@code X-GitHub-Delivery}). */
  public static final String DELIVERY = "delivery";

  /** The delivery's event ({@code X-GitHub-Event}). */
  public static final String EVENT = "event";

  /** The job's number. */
  public static final String JOB = "job";

  /** {@code owner/name} of the repository the work is about. */
  public static final String REPOSITORY = "repository";

  /** {@code owner/name#number} of the issue the work is about. */
  public static final String ISSUE = "issue";

  private final String[] keys;

  private LogContext(String... keys) {
    this.keys = keys;
  }

  /** Puts the non-null {@code key, value} pairs in the context until {@link #close()}. */
  public static LogContext with(String... keysAndValues) {
    String[] keys = new String[keysAndValues.length / 2];
    for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
      if (keysAndValues[i + 1] != null) {
        MDC.put(keysAndValues[i], keysAndValues[i + 1]);
        keys[i / 2] = keysAndValues[i];
      }
    }
    return new LogContext(keys);
  }

  /** Takes these keys out of the context again. */
  @Override
  public void close() {
    for (String key : keys) {
      if (key != null) {
        MDC.remove(key);
      }
    }
  }
}
