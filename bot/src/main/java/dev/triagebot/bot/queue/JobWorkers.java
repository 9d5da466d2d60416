package dev.triagebot.bot.queue;

import dev.triagebot.bot.config.TriageProperties;
import dev.triagebot.bot.review.ReviewEvents;
import dev.triagebot.bot.triage.IssueTriage;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The service's worker threads ({@code triage.queue.workers}), each looping over {@link
 * JobWorker#runOnce()} and resting {@code triage.queue.poll-interval} when there is nothing due.
 * Commands run without them: they only exist in the web service.
 */
@Component
@ConditionalOnWebApplication
public class JobWorkers implements SmartLifecycle {
  private static final Logger log = LoggerFactory.getLogger(JobWorkers.class);

  private final List<JobWorker> workers = new ArrayList<>();
  private final List<Thread> threads = new ArrayList<>();
  private final WorkSignal signal;
  private final TriageProperties.Queue settings;
  private volatile boolean running;

  public JobWorkers(
      TriageProperties properties,
      JobQueue queue,
      IssueEventDecoder decoder,
      IssueTriage triage,
      ObjectProvider<ReviewEventDecoder> reviewDecoder,
      ObjectProvider<ReviewEvents> review,
      WorkSignal signal,
      Clock clock) {
    this.signal = signal;
    this.settings = properties.queue();
    Backoff backoff =
        new Backoff(
            settings.initialBackoff(),
            settings.maxBackoff(),
            () -> ThreadLocalRandom.current().nextDouble());
    JobErrorText errors = JobErrorText.of(properties.github());
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
              clock));
    }
  }

  @Override
  public void start() {
    running = true;
    for (int i = 0; i < workers.size(); i++) {
      JobWorker worker = workers.get(i);
      Thread thread = new Thread(() -> loop(worker), "triage-worker-" + (i + 1));
      thread.setDaemon(true);
      threads.add(thread);
      thread.start();
    }
    log.info(
        "{} triage worker(s) started, polling every {}", workers.size(), settings.pollInterval());
  }

  private void loop(JobWorker worker) {
    while (running) {
      try {
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
    for (Thread thread : threads) {
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
