package dev.triagebot.bot.setup;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts the application again in this process, so that everything read once at start (the mode,
 * App mode, the webhook secret, the GitHub client) takes up the credentials {@code /setup} stored,
 * without the operator restarting anything. As Spring Cloud's restart endpoint does: close the
 * context (gracefully: requests in flight are answered), then run the same {@link
 * SpringApplication} with the same arguments. The port is closed for those seconds; at that moment
 * the App has no installation yet, so GitHub has nothing to deliver.
 */
public final class ServiceReload implements ApplicationListener<ApplicationStartedEvent> {
  private static final Logger log = LoggerFactory.getLogger(ServiceReload.class);

  private volatile ApplicationStartedEvent started;

  @Override
  public void onApplicationEvent(ApplicationStartedEvent event) {
    started = event;
  }

  /**
   * Closes and starts the application on a thread of its own, after this request is answered.
   *
   * @return false when this context was not started by a {@link SpringApplication} it could run
   *     again: then the operator restarts the service
   */
  public boolean reload() {
    ApplicationStartedEvent event = started;
    if (event == null) {
      return false;
    }
    SpringApplication application = event.getSpringApplication();
    String[] args = event.getArgs();
    ConfigurableApplicationContext context = event.getApplicationContext();
    Thread reload =
        new Thread(
            () -> {
              log.warn(
                  "==== Reloading the service with the GitHub App credentials from /setup ====");
              context.close();
              try {
                application.run(args);
              } catch (RuntimeException failed) {
                // Spring has logged why. Nothing runs now: exit, so that a supervisor restarts
                // the service instead of leaving a process that answers nothing.
                log.error("The service did not start again after /setup; restart it.");
                System.exit(1);
              }
            },
            "setup-reload");
    reload.setDaemon(false);
    // Not the request thread's loader: that one belongs to the web server being stopped.
    reload.setContextClassLoader(ServiceReload.class.getClassLoader());
    reload.start();
    return true;
  }
}
