package dev.triagebot.bot.setup;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.commons.logging.Log;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Makes the credentials {@code /setup} stored the service's GitHub settings, at every start and
 * every reload. They rank below every other source, and are ignored as a whole when credentials are
 * set elsewhere (settings, environment), so that an operator's explicit choice never mixes with
 * them.
 */
public final class StoredAppSettings implements EnvironmentPostProcessor, Ordered {
  static final String SOURCE_NAME = "triageStoredGitHubApp";
  private static final List<String> CREDENTIALS =
      List.of(
          "triage.github.app-id",
          "triage.github.private-key",
          "triage.github.private-key-path",
          "triage.github.token");

  private final Log log;

  public StoredAppSettings(DeferredLogFactory logs) {
    this.log = logs.getLog(StoredAppSettings.class);
  }

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    StoredAppCredentials stored =
        new StoredAppCredentials(Path.of(environment.getProperty("triage.data-dir", "data")));
    if (!stored.exist()) {
      return;
    }
    if (CREDENTIALS.stream().anyMatch(environment::containsProperty)) {
      log.warn(
          "GitHub credentials are set in the settings, so those stored by /setup in "
              + stored.folder()
              + " are not used");
      return;
    }
    Map<String, Object> settings = stored.asSettings().orElseThrow();
    environment.getPropertySources().addLast(new MapPropertySource(SOURCE_NAME, settings));
    log.info("GitHub App credentials from " + stored.folder() + " (stored by /setup)");
  }

  @Override
  public int getOrder() {
    // After the config files and the environment are read, so triage.data-dir is known.
    return Ordered.LOWEST_PRECEDENCE;
  }
}
