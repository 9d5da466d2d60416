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
@Import({ClockConfiguration.class, JobQueue.class})
class StoreCommandApplication {
  private static final String IGNORE_BACKGROUND_PREINITIALIZER =
      "spring.backgroundpreinitializer.ignore";

  /**
   * Adds the bot's settings ({@code triage.*}), for commands that need more than the store. Kept
   * apart because binding them validates them, and the bean validator costs a second of start-up.
   */
  @EnableConfigurationProperties(TriageProperties.class)
  @Import(StoreCommandApplication.class)
  static final class WithSettings {}

  /**
   * Starts {@code application} ({@link StoreCommandApplication}, or {@link WithSettings}) with the
   * usual configuration sources plus {@code springArguments}, quietly.
   */
  static ConfigurableApplicationContext start(Class<?> application, String[] springArguments) {
    // Spring warms Jackson, the bean validator, Tomcat and the HTTP converters on a background
    // thread for the web service; a store command uses none of them, and on two busy cores that
    // thread alone costs seconds. It reads this switch as a system property only.
    System.setProperty(IGNORE_BACKGROUND_PREINITIALIZER, "true");
    return new SpringApplicationBuilder(application)
        .web(WebApplicationType.NONE)
        .bannerMode(Banner.Mode.OFF)
        .logStartupInfo(false)
        // Command output goes to stdout; Spring's own lines would be mixed into it. Failures are
        // reported by the command itself.
        .properties("logging.level.root=OFF")
        .run(springArguments);
  }
}
