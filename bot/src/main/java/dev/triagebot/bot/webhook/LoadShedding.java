package dev.triagebot.bot.webhook;

import dev.triagebot.bot.queue.IngressActivity;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Decides, before a body is read, whether ingress takes a delivery: not when too many are in
 * flight, too many requests wait for a request thread (each would reach ingress too late), or the
 * store is behind. Counts what it sheds and says so in the log at most once per {@value
 * #LOG_EVERY_SECONDS} seconds, since a burst sheds thousands.
 */
@Component
final class LoadShedding {
  private static final Logger log = LoggerFactory.getLogger(LoadShedding.class);
  private static final long LOG_EVERY_SECONDS = 10;

  private final IngressActivity activity;
  private final GroupCommit store;
  private final RequestThreads requestThreads;
  private final int maxInFlight;
  private final Duration maxStoreWait;
  private final AtomicLong shed = new AtomicLong();
  private final AtomicLong lastLogged = new AtomicLong(Long.MIN_VALUE);

  LoadShedding(
      IngressActivity activity,
      GroupCommit store,
      RequestThreads requestThreads,
      IngressProperties properties) {
    this.activity = activity;
    this.store = store;
    this.requestThreads = requestThreads;
    this.maxInFlight = properties.maxInFlight();
    this.maxStoreWait = properties.maxStoreWait();
  }

  /**
   * Why this delivery is shed; null when it is taken. Call it after {@link
   * IngressActivity#entered()}, which returned {@code inFlight}.
   */
  String reject(int inFlight) {
    String reason = null;
    if (inFlight > maxInFlight) {
      reason = "more than " + maxInFlight + " deliveries are being received at once";
    } else if (requestThreads.waiting() > maxInFlight) {
      reason = "more than " + maxInFlight + " requests are waiting for a thread";
    } else if (store.oldestWait().compareTo(maxStoreWait) > 0) {
      reason = "the delivery store is " + maxStoreWait.toMillis() + " ms or more behind";
    }
    if (reason != null) {
      counted(reason);
    }
    return reason;
  }

  /** Counts a delivery shed for another reason (the memory budget of bodies). */
  void counted(String reason) {
    long total = shed.incrementAndGet();
    long now = System.nanoTime();
    long last = lastLogged.get();
    if ((last == Long.MIN_VALUE || now - last > LOG_EVERY_SECONDS * 1_000_000_000L)
        && lastLogged.compareAndSet(last, now)) {
      log.warn(
          "shedding load: answering 503 because {} ({} shed since start, {} in flight)",
          reason,
          total,
          activity.inFlight());
    }
  }

  /** Deliveries answered 503 since start. */
  long shed() {
    return shed.get();
  }
}
