package dev.triagebot.bot.cli;

import java.io.PrintStream;
import java.util.function.ToIntFunction;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Opens the configured store for a command (see {@link StoreCommandApplication}) and turns a store
 * that cannot be opened into one line that says what to do.
 */
final class StoreAccess {
  private StoreAccess() {}

  /**
   * Runs {@code work} on the opened store and returns its exit code; 1 if it cannot be opened.
   *
   * @param application {@link StoreCommandApplication} or one of its variants
   */
  static int withStore(
      Class<?> application,
      String command,
      String[] springArguments,
      PrintStream err,
      ToIntFunction<ConfigurableApplicationContext> work) {
    ConfigurableApplicationContext store;
    try {
      store = StoreCommandApplication.start(application, springArguments);
    } catch (RuntimeException e) {
      err.println(command + ": cannot open the store: " + problem(e));
      return TriageBotCommand.FAILED;
    }
    try (store) {
      return work.applyAsInt(store);
    }
  }

  /** Says why the store could not be opened; H2's file lock gets an explanation of its own. */
  static String problem(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = String.valueOf(root.getMessage());
    if (message.contains("already in use") || message.contains("file is locked")) {
      return "the running service holds the embedded H2 store, which admits one process at a"
          + " time: stop the service first, or run it on PostgreSQL (SPRING_DATASOURCE_URL)"
          + " to manage jobs while it runs";
    }
    return message.lines().findFirst().orElse(message);
  }
}
