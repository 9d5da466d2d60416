package dev.triagebot.bot.cli;

import dev.triagebot.bot.queue.Job;
import dev.triagebot.bot.queue.JobQueue;
import dev.triagebot.bot.queue.JobStatus;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** {@code jobs [--status STATUS] [--limit N]}: lists jobs, newest first, with their last error. */
final class JobsCommand {
  static final Set<String> OPTIONS = Set.of("status", "limit");
  private static final int DEFAULT_LIMIT = 50;

  static String usage() {
    return "jobs [--status queued|running|done|failed] [--limit N]\n"
        + "  lists the newest jobs of the configured store, with counts per status";
  }

  int run(JobQueue queue, CommandOptions options, PrintStream out) {
    Optional<JobStatus> status = options.get("status").map(JobsCommand::status);
    int limit = (int) options.number("limit").orElse(DEFAULT_LIMIT);
    Map<JobStatus, Integer> counts = queue.counts();
    out.println(
        Stream.of(JobStatus.values())
            .map(s -> s.column() + " " + counts.get(s))
            .collect(Collectors.joining(", ", "jobs: ", "")));
    List<Job> jobs = queue.list(status, limit);
    if (jobs.isEmpty()) {
      return 0;
    }
    out.printf(
        "%-6s %-8s %-8s %-22s %-30s %-38s %-24s %s%n",
        "ID", "STATUS", "ATTEMPTS", "EVENT", "REPOSITORY", "DELIVERY", "DUE/UPDATED", "LAST ERROR");
    for (Job job : jobs) {
      out.printf(
          "%-6d %-8s %-8d %-22s %-30s %-38s %-24s %s%n",
          job.id(),
          job.status().column(),
          job.attempts(),
          job.event() + (job.action() == null ? "" : "." + job.action()),
          Objects.requireNonNullElse(job.repository(), "-"),
          job.deliveryId(),
          job.status() == JobStatus.QUEUED ? job.runAt() : job.updatedAt(),
          job.lastError() == null ? "" : job.lastError().replace('\n', ' '));
    }
    return 0;
  }

  private static JobStatus status(String value) {
    try {
      return JobStatus.parse(value);
    } catch (IllegalArgumentException e) {
      throw new CommandOptions.UsageException(
          "--status must be one of queued, running, done, failed; got '" + value + "'");
    }
  }
}
