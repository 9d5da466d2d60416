package dev.triagebot.bot.index;

import dev.triagebot.bot.github.GitHubOperations;
import dev.triagebot.bot.issue.RepositoryRef;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Backfills started by an operator inside the running service, which owns the indexes' writers: one
 * at a time, in the background, resumable from the same checkpoints as the command.
 */
public final class BackfillJobs implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(BackfillJobs.class);

  /** What became of one repository's backfill. */
  public record Status(
      String repository, String state, Instant started, String progress, String error) {}

  private final RepositoryIndexes indexes;
  private final Supplier<GitHubOperations> github;
  private final BackfillCheckpoints checkpoints;
  private final BackfillTargets targets;
  private final Clock clock;
  private final ExecutorService runner =
      Executors.newSingleThreadExecutor(
          task -> {
            Thread thread = new Thread(task, "backfill");
            thread.setDaemon(true);
            return thread;
          });
  private final Map<String, Status> statuses = new ConcurrentHashMap<>();

  public BackfillJobs(
      RepositoryIndexes indexes,
      Supplier<GitHubOperations> github,
      BackfillCheckpoints checkpoints,
      BackfillTargets targets,
      Clock clock) {
    this.indexes = indexes;
    this.github = github;
    this.checkpoints = checkpoints;
    this.targets = targets;
    this.clock = clock;
  }

  /**
   * Queues a backfill of the repository, unless one is queued or running already.
   *
   * @throws IllegalArgumentException when no installation covers the repository
   */
  public synchronized Status start(String repository, int reserve) {
    Status current = statuses.get(repository);
    if (current != null
        && (current.state().equals("queued") || current.state().equals("running"))) {
      return current;
    }
    RepositoryRef target =
        targets
            .resolve(repository)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "no App installation covers "
                            + repository
                            + "; install the App on it first"));
    Status queued = new Status(repository, "queued", clock.instant(), "", null);
    statuses.put(repository, queued);
    runner.submit(() -> run(target, reserve, queued.started()));
    return queued;
  }

  /** Every backfill started since the service started. */
  public List<Status> statuses() {
    return statuses.values().stream().sorted((a, b) -> a.started().compareTo(b.started())).toList();
  }

  private void run(RepositoryRef target, int reserve, Instant started) {
    String name = target.fullName();
    statuses.put(name, new Status(name, "running", started, "", null));
    PrintStream progress =
        new PrintStream(new ProgressLines(name, started), true, StandardCharsets.UTF_8);
    try {
      BackfillRepository backfill =
          new BackfillRepository(
              github.get(),
              checkpoints,
              reserve,
              clock,
              duration -> Thread.sleep(duration.toMillis()),
              progress);
      backfill.run(target, indexes.forRepository(name));
      statuses.computeIfPresent(
          name, (key, s) -> new Status(name, "done", started, s.progress(), null));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      fail(name, started, "interrupted; start it again to resume from the checkpoint");
    } catch (RuntimeException e) {
      log.warn("backfill of {} stopped: {}", name, e.getMessage());
      fail(name, started, e.getMessage() + "; start it again to resume from the checkpoint");
    }
  }

  private void fail(String name, Instant started, String error) {
    statuses.computeIfPresent(
        name, (key, s) -> new Status(name, "failed", started, s.progress(), error));
  }

  @Override
  public void close() {
    runner.shutdownNow();
  }

  /** Each progress line goes to the log and becomes the status's latest progress. */
  private final class ProgressLines extends OutputStream {
    private final String repository;
    private final Instant started;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    ProgressLines(String repository, Instant started) {
      this.repository = repository;
      this.started = started;
    }

    @Override
    public void write(int b) {
      if (b != '\n') {
        line.write(b);
        return;
      }
      String text = line.toString(StandardCharsets.UTF_8);
      line.reset();
      log.info(text);
      statuses.computeIfPresent(
          repository, (key, s) -> new Status(repository, s.state(), started, text, s.error()));
    }
  }
}
