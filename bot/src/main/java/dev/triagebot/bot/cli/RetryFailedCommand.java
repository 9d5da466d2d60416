package dev.triagebot.bot.cli;

import dev.triagebot.bot.queue.Job;
import dev.triagebot.bot.queue.JobQueue;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/** {@code retry-failed}: queues parked jobs again, all of them or one. */
@Command(
    name = "retry-failed",
    mixinStandardHelpOptions = true,
    description = {
      "Queue parked (failed) jobs of the configured store again, with fresh attempts.",
      "The embedded H2 store admits one process: stop the service first, or run on PostgreSQL.",
      "Spring settings such as --triage.data-dir=DIR choose the store."
    })
final class RetryFailedCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--job", paramLabel = "ID", description = "only this job (default: every one)")
  Long job;

  @Unmatched List<String> springArguments = new ArrayList<>();

  private final PrintStream out;
  private final PrintStream err;

  RetryFailedCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  @Override
  public Integer call() {
    String[] configuration = SpringArguments.validated(spec, springArguments);
    return StoreAccess.withStore(
        StoreCommandApplication.class,
        "retry-failed",
        configuration,
        err,
        store -> retry(store.getBean(JobQueue.class)));
  }

  int retry(JobQueue queue) {
    OptionalLong jobId = job == null ? OptionalLong.empty() : OptionalLong.of(job);
    int queued = queue.retryFailed(jobId);
    if (jobId.isPresent() && queued == 0) {
      Optional<Job> found = queue.find(jobId.getAsLong());
      err.println(
          found
              .map(
                  j ->
                      "retry-failed: job " + j.id() + " is " + j.status().column() + ", not failed")
              .orElse("retry-failed: there is no job " + jobId.getAsLong()));
      return TriageBotCommand.FAILED;
    }
    out.println("queued " + queued + " parked job(s) again");
    return TriageBotCommand.OK;
  }
}
