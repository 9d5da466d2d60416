package dev.triagebot.bot.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
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
  void aWorkerYieldsWhileIngressIsBusyButOnlyUpToItsLimit() throws Exception {
    IngressActivity activity = new IngressActivity(1);
    activity.entered();

    long started = System.nanoTime();
    activity.yieldWhileBusy(Duration.ofMillis(300));

    assertThat(Duration.ofNanos(System.nanoTime() - started))
        .isBetween(Duration.ofMillis(300), Duration.ofSeconds(30));
  }

  @Test
  void aWorkerGoesOnAsSoonAsIngressIsNoLongerBusy() throws Exception {
    IngressActivity activity = new IngressActivity(1);
    activity.entered();
    Thread answering =
        new Thread(
            () -> {
              try {
                Thread.sleep(100);
              } catch (InterruptedException e) {
                return;
              }
              activity.left();
            });
    answering.start();

    long started = System.nanoTime();
    activity.yieldWhileBusy(Duration.ofMinutes(10));

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMinutes(10));
    assertThat(activity.busy()).isFalse();
    answering.join();
  }
}
