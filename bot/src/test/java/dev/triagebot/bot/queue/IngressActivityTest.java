package dev.triagebot.bot.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Workers yield to busy ingress, but never for longer than they are told. */
class IngressActivityTest {

  @Test
  void busyFromTheThresholdOfDeliveriesInFlight() {
    IngressActivity activity = new IngressActivity(2);

    assertThat(activity.entered()).isEqualTo(1);
    assertThat(activity.busy()).isFalse();
    activity.entered();
    assertThat(activity.busy()).isTrue();
    activity.left();
    assertThat(activity.busy()).isFalse();
    assertThat(activity.inFlight()).isEqualTo(1);
  }

  @Test
  void aBurstOfArrivalsMakesIngressBusyWithNothingInFlightAndEndsASecondAfterItStops() {
    AtomicLong nanos = new AtomicLong(7_000_000_000L);
    IngressActivity activity = new IngressActivity(2, 50, nanos::get);

    // 49 deliveries in one second, each answered before the next: not a burst
    for (int i = 0; i < 49; i++) {
      arriveAndAnswer(activity, nanos, 20);
    }
    assertThat(activity.busy()).isFalse();

    // the 50th within the same second is one
    arriveAndAnswer(activity, nanos, 0);
    assertThat(activity.inFlight()).isZero();
    assertThat(activity.busy()).isTrue();

    // the whole next second still counts the last one's 50 arrivals
    nanos.addAndGet(1_000_000_000L);
    assertThat(activity.busy()).isTrue();

    // two seconds on with no arrival the burst is over
    nanos.addAndGet(1_000_000_000L);
    assertThat(activity.busy()).isFalse();
  }

  @Test
  void duringABurstAWorkerYieldsForTheLongerLimit() throws Exception {
    IngressActivity activity = new IngressActivity(2, 1, System::nanoTime);
    activity.entered();
    activity.left();

    long started = System.nanoTime();
    activity.yieldWhileBusy(Duration.ofMillis(10), Duration.ofMillis(300));

    assertThat(Duration.ofNanos(System.nanoTime() - started))
        .isBetween(Duration.ofMillis(300), Duration.ofSeconds(30));
  }

  @Test
  void aWorkerYieldsWhileIngressIsBusyButOnlyUpToItsLimit() throws Exception {
    IngressActivity activity = new IngressActivity(1);
    activity.entered();

    long started = System.nanoTime();
    activity.yieldWhileBusy(Duration.ofMillis(300), Duration.ofMillis(300));

    assertThat(Duration.ofNanos(System.nanoTime() - started))
        .isBetween(Duration.ofMillis(300), Duration.ofSeconds(30));
  }

  @Test
  void aWorkerGoesOnAsSoonAsIngressIsNoLongerBusy() throws Exception {
    IngressActivity activity = new IngressActivity(1);
    activity.entered();
    Thread answering = after100Millis(activity::left);

    long started = System.nanoTime();
    activity.yieldWhileBusy(Duration.ofMinutes(10), Duration.ofMinutes(10));

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMinutes(10));
    assertThat(activity.busy()).isFalse();
    answering.join();
  }

  @Test
  void whileRequestsWaitForAThreadAWorkerYieldsForItsLongerLimitAndGoesOnWhenTheyAreServed()
      throws Exception {
    IngressActivity activity = new IngressActivity(1);
    AtomicInteger waiting = new AtomicInteger(3);
    activity.countWaiting(waiting::get);

    long started = System.nanoTime();
    activity.yieldWhileBusy(Duration.ofMillis(10), Duration.ofMillis(300));
    assertThat(Duration.ofNanos(System.nanoTime() - started))
        .isBetween(Duration.ofMillis(300), Duration.ofSeconds(30));

    Thread served = after100Millis(() -> waiting.set(0));
    started = System.nanoTime();
    activity.yieldWhileBusy(Duration.ofMillis(10), Duration.ofMinutes(10));
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMinutes(10));
    served.join();
  }

  private static void arriveAndAnswer(IngressActivity activity, AtomicLong nanos, long millis) {
    activity.entered();
    activity.left();
    nanos.addAndGet(millis * 1_000_000L);
  }

  /** Runs {@code change} in a thread of its own a moment from now, as a request being answered. */
  private static Thread after100Millis(Runnable change) {
    Thread thread =
        new Thread(
            () -> {
              try {
                Thread.sleep(100);
              } catch (InterruptedException e) {
                return;
              }
              change.run();
            });
    thread.start();
    return thread;
  }
}
