package dev.triagebot.bot.cli;

import dev.triagebot.bot.config.ClockConfiguration;
import dev.triagebot.bot.config.TriageProperties;
import dev.triagebot.bot.queue.JobQueue;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;

/**
 * The part of the application that commands working on the store need: the configured data source,
 * migrated by Flyway, and the job queue, read from the same configuration sources as the service.
 * Only those auto-configurations are imported, not all of them: no web server, no workers, no
 * GitHub, so that a command starts in a second or two rather than in the service's ten. Not a
 * {@code @Configuration}, so the service's component scan leaves it out.
 */
@ImportAutoConfiguration({
  DataSourceAutoConfiguration.class,
  FlywayAutoConfiguration.class,
  JdbcTemplateAutoConfiguration.class
})
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
