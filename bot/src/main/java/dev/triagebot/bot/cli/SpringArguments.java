package dev.triagebot.bot.cli;

import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * Spring settings given on the command line, {@code --server.port=9090} or {@code
 * --triage.data-dir=/srv/triage}: passed to the service and to the commands that open the store.
 * They are told from unknown options by the dot in their name.
 */
final class SpringArguments {
  private SpringArguments() {}

  /** Whether every argument is a Spring setting (so no command was named); true for none. */
  static boolean onlySpringArguments(String[] args) {
    return Arrays.stream(args).allMatch(SpringArguments::isSpringSetting);
  }

  static boolean isSpringSetting(String argument) {
    if (!argument.startsWith("--")) {
      return false;
    }
    int equals = argument.indexOf('=');
    String name = argument.substring(2, equals < 0 ? argument.length() : equals);
    return name.length() > 2 && name.contains(".") && !name.startsWith(".");
  }

  /**
   * The unmatched arguments of a command, all of which must be Spring settings.
   *
   * @throws ParameterException naming the first one that is not
   */
  static String[] validated(CommandSpec command, List<String> unmatched) {
    for (String argument : unmatched) {
      if (!isSpringSetting(argument)) {
        throw new ParameterException(
            command.commandLine(),
            argument.startsWith("-")
                ? "Unknown option: '" + argument + "'"
                : "Unexpected argument: '" + argument + "'");
      }
    }
    return unmatched.toArray(String[]::new);
  }
}
