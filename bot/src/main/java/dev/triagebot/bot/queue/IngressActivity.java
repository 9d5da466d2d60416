package dev.triagebot.bot.queue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import org.springframework.stereotype.Component;

/**
 * How many deliveries ingress is receiving and storing right now. Ingress counts them and sheds
 * load past its limit; the workers yield to it while it is busy, so that triage never takes the
 * cores an acknowledgement needs.
 */
@Component
public class IngressActivity {
  /** How long a worker rests between looks while ingress is busy. */
  private static final long YIELD_STEP_MILLIS = 5;

  private final AtomicInteger inFlight = new AtomicInteger();
  private final int busyAt;
  private volatile IntSupplier waitingForThreads = () -> 0;

  /** Busy from as many deliveries in flight as the machine has cores: they queue from there. */
  public IngressActivity() {
    this(Math.max(2, Runtime.getRuntime().availableProcessors()));
  }

  /**
   * @param busyAt deliveries in flight from which ingress counts as busy
   */
  public IngressActivity(int busyAt) {
    this.busyAt = busyAt;
  }

  /**
   * Also counts requests the web server holds, waiting for a thread, before ingress sees them: any
   * of them means the cores are short.
   */
  public void countWaiting(IntSupplier waitingForThreads) {
    this.waitingForThreads = waitingForThreads;
  }

  /**
   * Counts a delivery coming in; pair with {@link #left()}.
   *
   * @return how many are in flight, this one included
   */
  public int entered() {
    return inFlight.incrementAndGet();
  }

  /** Counts a delivery answered. */
  public void left() {
    inFlight.decrementAndGet();
  }

  /** Deliveries being received or stored now. */
  public int inFlight() {
    return inFlight.get();
  }

  /** Whether deliveries are queueing for the cores. */
  public boolean busy() {
    return inFlight.get() >= busyAt || overloaded();
  }

  /** Whether requests wait for a web server thread: the cores cannot even take deliveries in. */
  private boolean overloaded() {
    return waitingForThreads.getAsInt() > 0;
  }

  /**
   * Waits while ingress is busy, at most {@code atMost}, so that work still moves under a sustained
   * burst; while ingress is overloaded the wait lasts up to {@code overloadedAtMost} instead: a job
   * run then costs acknowledgements, and the backlog is worked off once the burst is over.
   */
  public void yieldWhileBusy(Duration atMost, Duration overloadedAtMost)
      throws InterruptedException {
    long started = System.nanoTime();
    while (true) {
      long waited = System.nanoTime() - started;
      boolean done =
          overloaded()
              ? waited >= overloadedAtMost.toNanos()
              : inFlight.get() < busyAt || waited >= atMost.toNanos();
      if (done) {
        return;
      }
      Thread.sleep(YIELD_STEP_MILLIS);
    }
  }
}
