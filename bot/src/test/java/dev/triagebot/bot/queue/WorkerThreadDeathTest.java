package dev.triagebot.bot.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.triagebot.bot.budget.WriteBudget;
import dev.triagebot.bot.github.GitHubProperties;
import dev.triagebot.bot.review.ReviewEvents;
import dev.triagebot.bot.triage.IssueEvent;
import dev.triagebot.bot.triage.IssueTriage;
import dev.triagebot.bot.webhook.GitHubPayloads;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.health.contributor.Status;

/**
 * A worker thread killed by something nobody catches (here a simulated {@link OutOfMemoryError}):
 * health turns DOWN and stays so, the thread is started again, and the job it held is taken up once
 * its lease lapses.
 */
class WorkerThreadDeathTest {
  final Clock clock = Clock.systemUTC();
  final MigratedDatabase database = MigratedDatabase.h2();
  JobWorkers workers;

  @AfterEach
  void stop() {
    if (workers != null) {
      workers.stop();
    }
    database.close();
  }

  @Test
  void anyOtherThreadKilledByAnUncaughtErrorIsRecordedToo() throws Exception {
    ThreadDeaths deaths = new ThreadDeaths(clock);
    // Alone, so that the death does not reach the handlers of Spring contexts other tests keep.
    Thread.UncaughtExceptionHandler saved = Thread.getDefaultUncaughtExceptionHandler();
    Thread.setDefaultUncaughtExceptionHandler(null);
    deaths.afterPropertiesSet();
    try {
      Thread upkeep =
          new Thread(
              () -> {
                throw new OutOfMemoryError("simulated");
              },
              "similar-index-upkeep");
      upkeep.start();
      upkeep.join();
    } finally {
      deaths.destroy();
      Thread.setDefaultUncaughtExceptionHandler(saved);
    }

    assertThat(deaths.none()).isFalse();
    assertThat(String.valueOf(deaths.details().get("similar-index-upkeep")))
        .startsWith("java.lang.OutOfMemoryError");
  }

  @Test
  void aWorkerKilledByAnErrorTurnsHealthDownAndIsStartedAgain() {
    JobQueue queue = new JobQueue(database.jdbc(), clock);
    AtomicInteger calls = new AtomicInteger();
    IssueTriage dyingOnce =
        (IssueEvent event) -> {
          if (calls.incrementAndGet() == 1) {
            throw new OutOfMemoryError("simulated");
          }
        };
    ThreadDeaths deaths = new ThreadDeaths(clock);
    var beans = new StaticListableBeanFactory();
    workers =
        new JobWorkers(
            settings(),
            github(),
            queue,
            new GitHubPayloads(),
            dyingOnce,
            beans.getBeanProvider(ReviewEventDecoder.class),
            beans.getBeanProvider(ReviewEvents.class),
            new WorkSignal(),
            new IssueWatermarks(database.jdbc(), clock),
            new InstallationSuspensions(Duration.ofSeconds(1), Duration.ofSeconds(5), clock),
            deaths,
            beans.getBeanProvider(WriteBudget.class),
            new IngressActivity(),
            clock,
            new SimpleMeterRegistry());
    QueueHealthIndicator health = new QueueHealthIndicator(workers, deaths, queue);
    assertThat(health.health().getStatus()).isEqualTo(Status.UP);
    long id =
        database.queueIssueDelivery(
            queue, "delivery-oom", clock.instant(), "anthropics/claude-code#1");

    workers.start();

    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> queue.find(id).orElseThrow().status() == JobStatus.DONE);
    assertThat(calls).hasValue(2);
    assertThat(deaths.details()).containsKey("triage-worker-1");
    assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
    assertThat(health.health().getDetails()).containsKey("deadThreads");
    // the job done is not counted there: that count would read every job the store ever ran
    assertThat(health.health().getDetails().get("jobs"))
        .isEqualTo(Map.of(JobStatus.QUEUED, 0, JobStatus.RUNNING, 0, JobStatus.FAILED, 0));
  }

  /** One worker that polls often, so the test sees the death and the retry quickly. */
  private static QueueProperties settings() {
    return new QueueProperties(
        8,
        Duration.ofSeconds(1),
        Duration.ofSeconds(5),
        1,
        Duration.ofMillis(50),
        Duration.ofSeconds(2));
  }

  private static GitHubProperties github() {
    return new GitHubProperties(
        "secret", null, null, null, null, URI.create("https://api.github.com"));
  }
}
