package dev.triagebot.bot.cli;

import dev.triagebot.bot.queue.Job;
import dev.triagebot.bot.queue.JobQueue;
import dev.triagebot.bot.queue.JobStatus;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.Unmatched;

/** {@code jobs}: lists jobs, newest first, with their last error. */
@Command(
    name = "jobs",
    mixinStandardHelpOptions = true,
    description = {
      "List the newest jobs of the configured store, with counts per status and the last error.",
      "The embedded H2 store admits one process: stop the service first, or run on PostgreSQL.",
      "Spring settings such as --triage.data-dir=DIR choose the store."
    })
final class JobsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--status",
      paramLabel = "STATUS",
      converter = StatusConverter.class,
      description = "only jobs in this status: queued, running, done or failed")
  JobStatus status;

  @Option(
      names = "--limit",
      paramLabel = "N",
      defaultValue = "50",
      description = "at most N jobs (default: ${DEFAULT-VALUE})")
  int limit;

  @Unmatched List<String> springArguments = new ArrayList<>();

  private final PrintStream out;
  private final PrintStream err;

  JobsCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  @Override
  public Integer call() {
    String[] configuration = SpringArguments.validated(spec, springArguments);
    if (limit < 1) {
      throw new ParameterException(spec.commandLine(), "--limit must be at least 1");
    }
    return StoreAccess.withStore(
        StoreCommandApplication.class,
        "jobs",
        configuration,
        err,
        store -> list(store.getBean(JobQueue.class)));
  }

  int list(JobQueue queue) {
    Map<JobStatus, Integer> counts = queue.counts();
    out.println(
        Stream.of(JobStatus.values())
            .map(s -> s.column() + " " + counts.get(s))
            .collect(Collectors.joining(", ", "jobs: ", "")));
    List<Job> jobs = queue.list(Optional.ofNullable(status), limit);
    if (jobs.isEmpty()) {
      return TriageBotCommand.OK;
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
    return TriageBotCommand.OK;
  }

  /** Names the allowed values in the error, not just "invalid value". */
  static final class StatusConverter implements ITypeConverter<JobStatus> {
    @Override
    public JobStatus convert(String value) {
      try {
        return JobStatus.parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(
            "expected one of queued, running, done, failed but got '" + value + "'");
      }
    }
  }
}
