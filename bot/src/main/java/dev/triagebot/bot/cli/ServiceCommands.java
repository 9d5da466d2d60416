package dev.triagebot.bot.cli;

import dev.triagebot.bot.queue.JobQueue;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The verbs about the running service and its store: {@code replay}, {@code jobs} and {@code
 * retry-failed}. The store commands start only the store, without a web server.
 */
public final class ServiceCommands {
  private static final Set<String> VERBS = Set.of("replay", "jobs", "retry-failed", "backfill");

  private ServiceCommands() {}

  /** Whether the first argument is one of these verbs. */
  public static boolean handles(String[] args) {
    return args.length > 0 && VERBS.contains(args[0]);
  }

  /** One usage paragraph per verb. */
  public static String usage() {
    return String.join(
        "\n",
        ReplayCommand.usage(),
        JobsCommand.usage(),
        RetryFailedCommand.usage(),
        BackfillCommand.usage());
  }

  /** Runs the verb and returns its exit code: 0 done, 1 failed, 2 wrong arguments. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    List<String> arguments = Arrays.asList(args).subList(1, args.length);
    try {
      return switch (args[0]) {
        case "replay" -> new ReplayCommand().run(arguments, out, err);
        case "jobs" -> {
          CommandOptions options = CommandOptions.parse(arguments, JobsCommand.OPTIONS);
          yield withStore(options, err, queue -> new JobsCommand().run(queue, options, out));
        }
        case "retry-failed" -> {
          CommandOptions options = CommandOptions.parse(arguments, RetryFailedCommand.OPTIONS);
          yield withStore(
              options, err, queue -> new RetryFailedCommand().run(queue, options, out, err));
        }
        case "backfill" -> {
          CommandOptions options = CommandOptions.parse(arguments, BackfillCommand.OPTIONS);
          yield withContext(options, err, store -> new BackfillCommand().run(store, options, err));
        }
        default -> throw new IllegalArgumentException("not a service command: " + args[0]);
      };
    } catch (CommandOptions.UsageException e) {
      err.println(args[0] + ": " + e.getMessage());
      err.println("usage: " + usage());
      return 2;
    } catch (IOException e) {
      err.println(args[0] + ": " + e.getMessage());
      return 1;
    }
  }

  private interface StoreWork {
    int run(JobQueue queue);
  }

  private static int withStore(CommandOptions options, PrintStream err, StoreWork work) {
    return withContext(options, err, store -> work.run(store.getBean(JobQueue.class)));
  }

  private interface ContextWork {
    int run(ConfigurableApplicationContext store);
  }

  private static int withContext(CommandOptions options, PrintStream err, ContextWork work) {
    ConfigurableApplicationContext store;
    try {
      store = StoreCommandApplication.start(options.springArguments());
    } catch (RuntimeException e) {
      err.println("cannot open the store: " + storeProblem(e));
      return 1;
    }
    try (store) {
      return work.run(store);
    }
  }

  /** Says why the store could not be opened; H2's file lock gets an explanation of its own. */
  private static String storeProblem(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = String.valueOf(root.getMessage());
    if (message.contains("already in use") || message.contains("file is locked")) {
      return "the embedded H2 store is open in the running service, and H2 allows one process"
          + " at a time. Stop the service first, or run the service on PostgreSQL"
          + " (SPRING_DATASOURCE_URL) to manage jobs while it runs. ("
          + message.lines().findFirst().orElse("")
          + ")";
    }
    return message.lines().findFirst().orElse(message);
  }
}
