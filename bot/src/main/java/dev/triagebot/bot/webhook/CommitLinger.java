package dev.triagebot.bot.webhook;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * How long the group commit's writer holds a commit open for more deliveries while ingress is busy.
 * Each commit has a fixed cost (on H2 a new chunk of the file, with the changed pages of every
 * table and index it touched); during a burst, fewer and larger commits leave the cores to the
 * requests. When ingress is quiet a delivery is committed at once.
 *
 * @param atMost how long after the first delivery of a batch was queued its commit may start
 * @param busy whether ingress is busy now
 */
record CommitLinger(Duration atMost, BooleanSupplier busy) {
  static final CommitLinger NONE = new CommitLinger(Duration.ZERO, () -> false);

  /**
   * The default where each commit writes the store's file (H2). On H2 at 1,000 deliveries a second
   * it took the writer's and H2's own threads from 0.55 to 0.37 of a core; on PostgreSQL, whose CPU
   * goes to each row rather than each commit, it saved nothing (scripts/WebhookLoad.java,
   * 2026-12-02), so there the default is to commit at once.
   */
  static final Duration WHERE_COMMITS_WRITE_THE_FILE = Duration.ofMillis(4);

  /**
   * @param configured {@code triage.ingress.commit-linger}; null for the store's default
   * @param commitsWriteTheFile whether each commit the writer flushes is a write of the file
   */
  static CommitLinger of(Duration configured, boolean commitsWriteTheFile, BooleanSupplier busy) {
    if (configured != null) {
      return new CommitLinger(configured, busy);
    }
    return new CommitLinger(
        commitsWriteTheFile ? WHERE_COMMITS_WRITE_THE_FILE : Duration.ZERO, busy);
  }

  /**
   * Returns once {@link #atMost} has passed since {@code firstQueuedAt} (a {@link System#nanoTime}
   * reading), or at once when ingress is quiet or the batch is full.
   */
  void await(long firstQueuedAt, boolean batchFull) {
    if (atMost.isZero() || batchFull || !busy.getAsBoolean()) {
      return;
    }
    long until = firstQueuedAt + atMost.toNanos();
    for (long left = until - System.nanoTime(); left > 0; left = until - System.nanoTime()) {
      // One wake-up per batch, not one per delivery as a queue's timed poll would cost.
      LockSupport.parkNanos(left);
      if (Thread.currentThread().isInterrupted()) {
        return;
      }
    }
  }
}
