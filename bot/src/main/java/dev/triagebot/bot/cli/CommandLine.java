package dev.triagebot.bot.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.Set;

/**
 * The command-line verbs of the jar. Commands run without the web server, and the classifier ones
 * without Spring at all, so that they start in well under a second.
 */
public final class CommandLine {
  private static final Set<String> VERBS = Set.of("classify", "eval", "help");

  private CommandLine() {}

  /** Whether the arguments name a command rather than options for the service. */
  public static boolean handles(String[] args) {
    return (args.length > 0 && VERBS.contains(args[0])) || ServiceCommands.handles(args);
  }

  /** Runs the command and returns its exit code. */
  public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
    if (ServiceCommands.handles(args)) {
      return ServiceCommands.run(args, out, err);
    }
    err.println("not yet implemented: " + args[0]);
    return 2;
  }
}
