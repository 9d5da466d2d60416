package dev.triagebot.bot.queue;

import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * Wakes idle workers when ingress has committed a job, so that a delivery does not wait for the
 * next poll. Polling remains the guarantee; the signal only shortens the wait.
 */
@Component
public class WorkSignal {
  private final Object monitor = new Object();
  private long generation;

  /** Tells waiting workers there may be work. */
  public void signal() {
    synchronized (monitor) {
      generation++;
      monitor.notifyAll();
    }
  }

  /** Waits until signalled or until {@code timeout} has passed. */
  public void await(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (monitor) {
      long seen = generation;
      while (generation == seen) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return;
        }
        monitor.wait(left / 1_000_000, (int) (left % 1_000_000));
      }
    }
  }
}
