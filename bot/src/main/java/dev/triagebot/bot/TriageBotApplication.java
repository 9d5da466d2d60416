package dev.triagebot.bot;

import dev.triagebot.bot.cli.TriageBotCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Entry point: {@code serve} or no command starts the webhook service; any other command runs
 * without it and exits with the command's code.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class TriageBotApplication {

  public static void main(String[] args) {
    TriageBotCommand.Outcome outcome =
        TriageBotCommand.execute(args, System.in, System.out, System.err);
    if (outcome.serviceArguments().isEmpty()) {
      System.exit(outcome.exitCode());
    }
    SpringApplication.run(TriageBotApplication.class, outcome.serviceArguments().get());
  }
}
