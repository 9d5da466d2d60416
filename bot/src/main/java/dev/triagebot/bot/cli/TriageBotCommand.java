package dev.triagebot.bot.cli;

import dev.triagebot.classifier.catalog.CatalogException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The jar's command line: {@code serve} (or no command) starts the webhook service, every other
 * command runs and exits. Exit codes: {@value #OK} done, {@value #FAILED} failed, {@value #USAGE}
 * not runnable as given. Users see one line per problem, never a stack trace.
 */
@Command(
    name = TriageBotCommand.NAME,
    mixinStandardHelpOptions = true,
    versionProvider = TriageBotCommand.BuildVersion.class,
    description = "A GitHub App that recognises known failures in new issues.",
    synopsisSubcommandLabel = "[COMMAND]",
    footer = {
      "",
      "Without a command, or with 'serve', it starts the webhook service (Spring options such as"
          + " --server.port=9090 pass through).",
      "Exit codes: 0 done, 1 failed, 2 wrong command or options."
    })
public final class TriageBotCommand implements Runnable {
  static final String NAME = "java -jar triage-bot.jar";
  public static final int OK = 0;
  public static final int FAILED = 1;
  public static final int USAGE = 2;
  private static final String CONVERTER_EXCLUDES = "picocli.converters.excludes";

  @Spec CommandSpec spec;

  /** Not reached: no arguments, or Spring settings alone, start the service before parsing. */
  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "no command given");
  }

  /**
   * What the arguments ask for: the service (with these Spring arguments), or a command that has
   * run and left an exit code.
   */
  public record Outcome(int exitCode, Optional<String[]> serviceArguments) {}

  /** Runs the command the arguments name, unless they ask for the service. */
  public static Outcome execute(String[] args, InputStream in, PrintStream out, PrintStream err) {
    if (SpringArguments.onlySpringArguments(args)) {
      return new Outcome(OK, Optional.of(args));
    }
    // picocli registers converters for java.sql and java.time types by reflection, loading those
    // modules on every start; no option here has such a type.
    if (System.getProperty(CONVERTER_EXCLUDES) == null) {
      System.setProperty(CONVERTER_EXCLUDES, "java\\.sql\\..*,java\\.time\\..*");
    }
    if (classifiesWithPackagedCatalog(args)) {
      CatalogOption.readPackagedEarly();
    }
    ServeCommand serve = new ServeCommand();
    int exit = commandLine(args, in, out, err, serve).execute(args);
    return new Outcome(exit, serve.requested());
  }

  /** {@code classify} with the packaged catalog, not just asking for help. */
  private static boolean classifiesWithPackagedCatalog(String[] args) {
    return args.length > 0
        && args[0].equals("classify")
        && Arrays.stream(args)
            .noneMatch(a -> a.startsWith("--catalog") || a.equals("--help") || a.equals("-h"));
  }

  /** Runs a command that is not {@code serve} and returns its exit code; for tests. */
  public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
    Outcome outcome = execute(args, in, out, err);
    if (outcome.serviceArguments().isPresent()) {
      throw new IllegalArgumentException("these arguments start the service");
    }
    return outcome.exitCode();
  }

  private static CommandLine commandLine(
      String[] args, InputStream in, PrintStream out, PrintStream err, ServeCommand serve) {
    Map<String, Supplier<Object>> commands = new LinkedHashMap<>();
    commands.put("serve", () -> serve);
    commands.put("classify", () -> new ClassifyCommand(in, out));
    commands.put("eval", () -> new EvalCommand(out, err));
    commands.put("fit", () -> new FitCommand(out, err, java.time.Clock.systemUTC()));
    commands.put("replay", () -> new ReplayCommand(out, err));
    commands.put("jobs", () -> new JobsCommand(out, err));
    commands.put("retry-failed", () -> new RetryFailedCommand(out, err));
    commands.put("backfill", () -> new BackfillCommand(err));
    CommandLine commandLine = new CommandLine(new TriageBotCommand());
    // Building picocli's model of a command costs start-up time; when the first argument names
    // one, only that one is needed. Help and unknown commands need them all.
    Supplier<Object> named = args.length == 0 ? null : commands.get(args[0]);
    if (named != null) {
      commandLine.addSubcommand(args[0], named.get());
    } else {
      commands.forEach((name, command) -> commandLine.addSubcommand(name, command.get()));
      commandLine.addSubcommand(new CommandLine.HelpCommand());
    }
    commandLine.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
    commandLine.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
    commandLine.setParameterExceptionHandler(TriageBotCommand::usageError);
    commandLine.setExecutionExceptionHandler(TriageBotCommand::failure);
    return commandLine;
  }

  /** One line saying what is wrong, then the synopsis of the command it concerns. */
  private static int usageError(ParameterException e, String[] args) {
    CommandLine command = e.getCommandLine();
    PrintWriter err = command.getErr();
    err.println("error: " + describe(e));
    CommandLine.Help help = command.getHelp();
    err.print(help.synopsisHeading());
    err.print(help.synopsis(help.synopsisHeadingLength()));
    err.println(
        "Try '" + command.getCommandSpec().qualifiedName() + " --help' for more information.");
    err.flush();
    return USAGE;
  }

  private static String describe(ParameterException e) {
    if (e instanceof UnmatchedArgumentException unmatched
        && e.getCommandLine().getCommandSpec().parent() == null) {
      List<String> arguments = unmatched.getUnmatched();
      String first = arguments.isEmpty() ? "" : arguments.get(0);
      if (!first.startsWith("-")) {
        // picocli suggests loosely ("frobnicate": jobs); only a near miss is worth a suggestion.
        Optional<String> nearMiss =
            unmatched.getSuggestions().stream()
                .filter(name -> distance(name, first) <= Math.max(1, name.length() / 4))
                .findFirst();
        return "unknown command '"
            + first
            + "'"
            + nearMiss.map(name -> " (did you mean " + name + "?)").orElse("");
      }
    }
    // picocli checks required options before it complains about unknown ones; a typo in an
    // option name is the likelier mistake, so name it first.
    List<String> unmatched =
        e.getCommandLine().getUnmatchedArguments().stream()
            .filter(argument -> !SpringArguments.isSpringSetting(argument))
            .toList();
    if (!(e instanceof UnmatchedArgumentException) && !unmatched.isEmpty()) {
      String first = unmatched.get(0);
      return (first.startsWith("-") ? "Unknown option: '" : "Unmatched argument: '") + first + "'";
    }
    return e.getMessage();
  }

  /** Levenshtein distance: how many letters to insert, delete or change to get from a to b. */
  static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int change = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(change, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }

  /** A command failed: the reason in one line, no stack trace. */
  private static int failure(Exception e, CommandLine command, ParseResult parsed) {
    PrintWriter err = command.getErr();
    String name = command.getCommandName();
    if (e instanceof CatalogException) {
      err.println(name + ": invalid signature catalog: " + e.getMessage());
      err.flush();
      return USAGE;
    }
    String message = e.getMessage();
    if (e instanceof UncheckedIOException unchecked) {
      message = unchecked.getCause().getMessage();
    }
    boolean io = e instanceof IOException || e instanceof UncheckedIOException;
    err.println(
        name
            + ": "
            + (io ? "" : e.getClass().getSimpleName() + ": ")
            + String.valueOf(message).lines().findFirst().orElse(""));
    err.flush();
    return FAILED;
  }

  /** The version the build wrote into {@code triage-bot-build.properties}. */
  static final class BuildVersion implements IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
      Properties build = new Properties();
      try (InputStream in =
          TriageBotCommand.class.getResourceAsStream("/triage-bot-build.properties")) {
        if (in != null) {
          build.load(in);
        }
      }
      return new String[] {
        "triage-bot " + build.getProperty("version", "(unknown version)"),
        "Java "
            + System.getProperty("java.version")
            + " ("
            + System.getProperty("java.vendor")
            + ")"
      };
    }
  }
}
