package dev.triagebot.bot;

import dev.triagebot.bot.cli.CommandLine;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Entry point: a command-line verb runs that command, no arguments start the webhook service. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class TriageBotApplication {

  public static void main(String[] args) {
    if (CommandLine.handles(args)) {
      System.exit(CommandLine.run(args, System.in, System.out, System.err));
    }
    SpringApplication.run(TriageBotApplication.class, args);
  }
}
