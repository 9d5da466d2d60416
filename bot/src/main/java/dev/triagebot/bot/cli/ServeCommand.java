package dev.triagebot.bot.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * {@code serve}: starts the webhook service. The command only checks the arguments; the entry point
 * starts Spring once the command line is done, so that the service's threads outlive it.
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Start the webhook service (the default without a command): http://localhost:8080, embedded"
          + " store in ./data. Stop it with Ctrl-C or SIGTERM; it finishes what it is doing first.",
      "Spring settings pass through, e.g. --server.port=9090 or --triage.data-dir=/srv/triage."
    })
final class ServeCommand implements Runnable {
  @Spec CommandSpec spec;

  @Unmatched List<String> springArguments = new ArrayList<>();

  private String[] requested;

  @Override
  public void run() {
    requested = SpringArguments.validated(spec, springArguments);
  }

  /** The Spring arguments to start the service with, once the command has run. */
  Optional<String[]> requested() {
    return Optional.ofNullable(requested);
  }
}
