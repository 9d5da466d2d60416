package dev.triagebot.bot.queue;

import java.util.function.LongSupplier;

/**
 * Deliveries that arrived per second, over the last whole second or the current one, whichever
 * holds more. Two counters, since ingress only asks "is a burst on?"; a meter registry keeps rates
 * for dashboards, but not ones a worker can read every few milliseconds without a lock on its path.
 */
final class ArrivalRate {
  private static final long SECOND = 1_000_000_000L;

  private final LongSupplier nanoClock;
  private long currentSecond;
  private int current;
  private int previous;

  ArrivalRate(LongSupplier nanoClock) {
    this.nanoClock = nanoClock;
    this.currentSecond = Math.floorDiv(nanoClock.getAsLong(), SECOND);
  }

  synchronized void arrived() {
    roll();
    current++;
  }

  synchronized int perSecond() {
    roll();
    return Math.max(previous, current);
  }

  private void roll() {
    long second = Math.floorDiv(nanoClock.getAsLong(), SECOND);
    if (second != currentSecond) {
      previous = second == currentSecond + 1 ? current : 0;
      current = 0;
      currentSecond = second;
    }
  }
}
