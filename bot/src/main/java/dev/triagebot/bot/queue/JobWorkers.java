package dev.triagebot.bot.queue;

import dev.triagebot.bot.budget.WriteBudget;
import dev.triagebot.bot.github.GitHubProperties;
import dev.triagebot.bot.review.ReviewEvents;
import dev.triagebot.bot.triage.IssueTriage;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The service's worker threads ({@code triage.queue.workers}), each looping over {@link
 * JobWorker#runOnce()} and resting {@code triage.queue.poll-interval} when there is nothing due,
 * plus one thread renewing the leases of running jobs. A worker thread that dies of an uncaught
 * failure is reported to {@link ThreadDeaths} (health turns DOWN) and started again, so the queue
 * keeps moving until the process is replaced. Commands run without them: they only exist in the web
 * service.
 */
@Component
@ConditionalOnWebApplication
public class JobWorkers implements SmartLifecycle {
  private static final Logger log = LoggerFactory.getLogger(JobWorkers.class);

  /**
   * The Java priority of background work (triage, the similar-index upkeep): acknowledging
   * deliveries comes first. Linux heeds Java priorities only with -XX:ThreadPriorityPolicy=1;
   * yielding to ingress works everywhere.
   */
  public static final int BACKGROUND_PRIORITY = Thread.NORM_PRIORITY - 2;

  private final List<JobWorker> workers = new ArrayList<>();
  private final List<Thread> threads = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final WorkSignal signal;
  private final QueueProperties settings;
  private final ThreadDeaths deaths;
  private final JobWorker.Safeguards safeguards;
  private final ScheduledExecutorService heartbeats;
  private final IngressActivity ingress;
  private volatile boolean running;

  /**
   * The longest a worker yields to busy ingress before it takes a job anyway, so that work still
   * moves (at one job per worker and pause) under a load that never ends; during a burst it yields
   * longer ({@link #MAX_BURST_YIELD}).
   */
  private static final Duration MAX_YIELD = Duration.ofMillis(250);

  private static final Duration MAX_BURST_YIELD = Duration.ofSeconds(5);

  public JobWorkers(
      QueueProperties settings,
      GitHubProperties github,
      JobQueue queue,
      IssueEventDecoder decoder,
      IssueTriage triage,
      ObjectProvider<ReviewEventDecoder> reviewDecoder,
      ObjectProvider<ReviewEvents> review,
      WorkSignal signal,
      IssueWatermarks watermarks,
      InstallationSuspensions suspensions,
      ThreadDeaths deaths,
      ObjectProvider<WriteBudget> writeBudget,
      IngressActivity ingress,
      Clock clock,
      MeterRegistry meters) {
    this.signal = signal;
    this.ingress = ingress;
    this.deaths = deaths;
    this.settings = settings;
    this.heartbeats =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "triage-lease-heartbeat");
              thread.setDaemon(true);
              return thread;
            });
    this.safeguards =
        JobWorker.Safeguards.of(settings, clock, suspensions, watermarks, heartbeats)
            .withWriteBudget(writeBudget.getIfAvailable());
    Backoff backoff =
        new Backoff(
            settings.initialBackoff(),
            settings.maxBackoff(),
            () -> ThreadLocalRandom.current().nextDouble());
    JobErrorText errors = JobErrorText.of(github);
    // Unique per process start, so leases of a crashed run are never mistaken for our own.
    String process = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID();
    for (int i = 1; i <= settings.workers(); i++) {
      workers.add(
          new JobWorker(
              process + "/" + i,
              queue,
              decoder,
              triage,
              reviewDecoder.getIfAvailable(),
              review.getIfAvailable(),
              backoff,
              settings,
              errors,
              clock,
              safeguards,
              meters));
    }
  }

  /** What the workers share: the breaker and suspended installations, for health. */
  public JobWorker.Safeguards safeguards() {
    return safeguards;
  }

  @Override
  public void start() {
    running = true;
    for (int i = 0; i < workers.size(); i++) {
      startThread(workers.get(i), "triage-worker-" + (i + 1));
    }
    log.info(
        "{} triage worker(s) started, polling every {}", workers.size(), settings.pollInterval());
  }

  private synchronized void startThread(JobWorker worker, String name) {
    Thread thread = new Thread(() -> supervised(worker, name), name);
    thread.setDaemon(true);
    thread.setPriority(BACKGROUND_PRIORITY);
    threads.add(thread);
    thread.start();
  }

  /** Runs the loop; a failure nobody caught is reported and the worker started afresh. */
  private void supervised(JobWorker worker, String name) {
    try {
      loop(worker);
    } catch (Throwable death) {
      deaths.died(name, death);
      if (running) {
        // A job it held comes back once its lease lapses; the new thread goes on with the rest.
        startThread(worker, name);
      }
    }
  }

  private void loop(JobWorker worker) {
    while (running) {
      try {
        ingress.yieldWhileBusy(MAX_YIELD, MAX_BURST_YIELD);
        if (!worker.runOnce()) {
          signal.await(settings.pollInterval());
        }
      } catch (InterruptedException stop) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException storeTrouble) {
        // The store is unreachable or refused a statement; the job stays leased and comes back.
        log.error("worker could not run a job; trying again after the poll interval", storeTrouble);
        try {
          Thread.sleep(settings.pollInterval().toMillis());
        } catch (InterruptedException stop) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  @Override
  public void stop() {
    running = false;
    signal.signal();
    heartbeats.shutdownNow();
    for (Thread thread : List.copyOf(threads)) {
      try {
        // A job in progress finishes; one that outlasts this wait is taken up after its lease.
        thread.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    threads.clear();
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
