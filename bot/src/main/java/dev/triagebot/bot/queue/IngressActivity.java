package dev.triagebot.bot.queue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
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

  /**
   * Arrivals per second from which a burst is on: far above what one busy repository sends, and a
   * rate at which triage running beside ingress would take the cores the acknowledgements need.
   */
  private static final int BURST_PER_SECOND = 50;

  private final AtomicInteger inFlight = new AtomicInteger();
  private final int busyAt;
  private final int burstPerSecond;
  private final ArrivalRate arrivals;
  private volatile IntSupplier waitingForThreads = () -> 0;

  /** Busy from as many deliveries in flight as the machine has cores: they queue from there. */
  public IngressActivity() {
    this(Math.max(2, Runtime.getRuntime().availableProcessors()));
  }

  /**
   * @param busyAt deliveries in flight from which ingress counts as busy
   */
  public IngressActivity(int busyAt) {
    this(busyAt, BURST_PER_SECOND, System::nanoTime);
  }

  /**
   * @param busyAt deliveries in flight from which ingress counts as busy
   * @param burstPerSecond arrivals per second from which a burst is on
   * @param nanoClock the clock arrivals are counted by
   */
  IngressActivity(int busyAt, int burstPerSecond, LongSupplier nanoClock) {
    this.busyAt = busyAt;
    this.burstPerSecond = burstPerSecond;
    this.arrivals = new ArrivalRate(nanoClock);
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
    arrivals.arrived();
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

  /** Whether deliveries are queueing for the cores, or coming in a burst. */
  public boolean busy() {
    return inFlight.get() >= busyAt || bursting();
  }

  /**
   * Whether a burst is on: deliveries arrive faster than {@code burstPerSecond}, or requests wait
   * for a web server thread (the cores cannot even take deliveries in). A delivery takes about a
   * millisecond, so at a thousand a second few are in flight at any instant: the in-flight count
   * alone lets the workers in between them.
   */
  private boolean bursting() {
    return waitingForThreads.getAsInt() > 0 || arrivals.perSecond() >= burstPerSecond;
  }

  /**
   * Waits while ingress is busy, at most {@code atMost}, so that work still moves when ingress is
   * merely busy; during a burst the wait lasts up to {@code burstAtMost} instead: a job run then
   * costs acknowledgements, and the backlog is worked off once the burst is over.
   */
  public void yieldWhileBusy(Duration atMost, Duration burstAtMost) throws InterruptedException {
    long started = System.nanoTime();
    while (true) {
      long waited = System.nanoTime() - started;
      boolean done =
          bursting()
              ? waited >= burstAtMost.toNanos()
              : inFlight.get() < busyAt || waited >= atMost.toNanos();
      if (done) {
        return;
      }
      Thread.sleep(YIELD_STEP_MILLIS);
    }
  }
}
