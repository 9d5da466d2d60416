package dev.triagebot.bot.cli;

import dev.triagebot.bot.config.ClockConfiguration;
import dev.triagebot.bot.config.TriageProperties;
import dev.triagebot.bot.queue.JobQueue;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;

/**
 * The part of the application that commands working on the store need: the configured data source,
 * migrated by Flyway, and the job queue. No web server, no workers, no GitHub.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@EnableConfigurationProperties(TriageProperties.class)
@Import({ClockConfiguration.class, JobQueue.class})
class StoreCommandApplication {

  /** Starts it with the usual configuration sources plus {@code springArguments}, quietly. */
  static ConfigurableApplicationContext start(String[] springArguments) {
    return new SpringApplicationBuilder(StoreCommandApplication.class)
        .web(WebApplicationType.NONE)
        .bannerMode(Banner.Mode.OFF)
        .logStartupInfo(false)
        // Command output goes to stdout; Spring's own lines would be mixed into it. Failures are
        // reported by the command itself.
        .properties("logging.level.root=OFF")
        .run(springArguments);
  }
}
