package dev.triagebot.bot.cli;

import dev.triagebot.classifier.catalog.CatalogException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.Set;

/**
 * The command-line verbs of the jar. Commands run without the web server, and the classifier ones
 * without Spring at all, so that they start in well under a second.
 */
public final class CommandLine {
  private static final Set<String> VERBS = Set.of("classify", "eval", "help", "--help");
  private static final int USAGE_ERROR = 2;

  private CommandLine() {}

  /** Whether the arguments name a command rather than options for the service. */
  public static boolean handles(String[] args) {
    return (args.length > 0 && VERBS.contains(args[0])) || ServiceCommands.handles(args);
  }

  /** Runs the command and returns its exit code: 0 done, 1 failed, 2 not runnable as given. */
  public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
    if (ServiceCommands.handles(args)) {
      return ServiceCommands.run(args, out, err);
    }
    try {
      return switch (args[0]) {
        case "classify" -> new ClassifyCommand(in, out).run(args);
        case "eval" -> new EvalCommand(out, err).run(args);
        default -> {
          usage(out);
          yield 0;
        }
      };
    } catch (CommandOptions.UsageException e) {
      err.println("error: " + e.getMessage());
      usage(err);
      return USAGE_ERROR;
    } catch (CatalogException e) {
      err.println("error: invalid signature catalog: " + e.getMessage());
      return USAGE_ERROR;
    } catch (IOException e) {
      err.println("error: " + e.getMessage());
      return 1;
    }
  }

  private static int usage(PrintStream stream) {
    stream.println("usage: java -jar triage-bot.jar [COMMAND]");
    stream.println("  (no command)  start the webhook service on port 8080");
    stream.println("  " + ClassifyCommand.USAGE);
    stream.println("  " + EvalCommand.USAGE);
    stream.println(ServiceCommands.usage().indent(2).stripTrailing());
    return USAGE_ERROR;
  }
}
