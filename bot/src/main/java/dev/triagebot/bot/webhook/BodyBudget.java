package dev.triagebot.bot.webhook;

import java.util.concurrent.Semaphore;

/**
 * The bytes of webhook bodies held in memory at once, across all requests. A request reserves what
 * it declares (or, without a {@code Content-Length}, what it has read so far) before holding it;
 * when the budget is spent it is answered 503 at once instead of adding to the heap.
 */
final class BodyBudget {
  private final Semaphore bytes;
  private final int total;

  /**
   * @param total the bytes all bodies being read may hold together
   */
  BodyBudget(int total) {
    if (total <= 0) {
      throw new IllegalArgumentException("the body budget must be positive: " + total);
    }
    this.total = total;
    this.bytes = new Semaphore(total);
  }

  /** A share of the budget, released when closed; empty to begin with. */
  Reservation open() {
    return new Reservation();
  }

  /** The bytes not reserved now. */
  int available() {
    return bytes.availablePermits();
  }

  /** The whole budget. */
  int total() {
    return total;
  }

  /**
   * One request's share. Not thread-safe: one request reads its body on one thread, and it is
   * closed once, when the delivery is answered (perhaps on the thread that stored it).
   */
  final class Reservation implements AutoCloseable {
    private int held;

    private Reservation() {}

    /**
     * Holds {@code size} bytes in all, reserving more or giving some back.
     *
     * @return false when the budget cannot spare the difference; what was held stays held
     */
    boolean resize(int size) {
      if (size > held) {
        if (!bytes.tryAcquire(size - held)) {
          return false;
        }
      } else if (size < held) {
        bytes.release(held - size);
      }
      held = size;
      return true;
    }

    /** The bytes held now. */
    int held() {
      return held;
    }

    @Override
    public void close() {
      resize(0);
    }
  }
}
