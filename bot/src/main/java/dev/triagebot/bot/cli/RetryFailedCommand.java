package dev.triagebot.bot.cli;

import dev.triagebot.bot.queue.Job;
import dev.triagebot.bot.queue.JobQueue;
import java.io.PrintStream;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/** {@code retry-failed [--job ID]}: queues parked jobs again, all of them or one. */
final class RetryFailedCommand {
  static final Set<String> OPTIONS = Set.of("job");

  static String usage() {
    return "retry-failed [--job ID]\n"
        + "  queues parked (failed) jobs of the configured store again, with fresh attempts";
  }

  int run(JobQueue queue, CommandOptions options, PrintStream out, PrintStream err) {
    OptionalLong jobId = options.number("job");
    int queued = queue.retryFailed(jobId);
    if (jobId.isPresent() && queued == 0) {
      Optional<Job> job = queue.find(jobId.getAsLong());
      err.println(
          job.map(
                  j ->
                      "retry-failed: job " + j.id() + " is " + j.status().column() + ", not failed")
              .orElse("retry-failed: there is no job " + jobId.getAsLong()));
      return 1;
    }
    out.println("queued " + queued + " parked job(s) again");
    return 0;
  }
}
