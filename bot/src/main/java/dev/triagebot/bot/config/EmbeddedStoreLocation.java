package dev.triagebot.bot.config;

import java.nio.file.Path;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Points the default data source at an H2 file under {@code triage.data-dir}, made absolute (H2
 * refuses paths relative to the working directory). Added with the lowest precedence, so {@code
 * SPRING_DATASOURCE_URL} or any other setting of {@code spring.datasource.url} wins.
 */
public final class EmbeddedStoreLocation implements EnvironmentPostProcessor, Ordered {
  static final String SOURCE_NAME = "triageEmbeddedStore";

  /**
   * {@code WRITE_DELAY=500}: commits reach the file together, at most 500 ms after they return, and
   * {@link dev.triagebot.bot.queue.DurableCommits} writes them at once before a delivery is
   * answered, so that an acknowledged delivery survives the process being killed a moment later.
   * Writing each commit on its own ({@code WRITE_DELAY=0}) rewrote the changed pages for every
   * job's every step: 232-294 KiB written per 11 KB delivery under load. {@code
   * AUTO_COMPACT_FILL_RATE=50}: the writer that a write delay starts also compacts the file; at
   * H2's 90 % it rewrote about 400 MB in ten seconds once a backlog had drained. {@code
   * QUERY_CACHE_SIZE=64}: each connection keeps its parsed statements; H2's default of 8 is fewer
   * than a triage job uses, so every job parsed its SQL again (seen in a profile under load).
   */
  static String h2Url(Path dataDir) {
    return "jdbc:h2:file:"
        + dataDir.toAbsolutePath().normalize().resolve("triage")
        + ";WRITE_DELAY=500;AUTO_COMPACT_FILL_RATE=50;AUTO_SERVER=FALSE;QUERY_CACHE_SIZE=64";
  }

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    Path dataDir = Path.of(environment.getProperty("triage.data-dir", "data"));
    environment
        .getPropertySources()
        .addLast(
            new MapPropertySource(SOURCE_NAME, Map.of("spring.datasource.url", h2Url(dataDir))));
  }

  @Override
  public int getOrder() {
    // After the config files and the environment are read, so triage.data-dir is known.
    return Ordered.LOWEST_PRECEDENCE;
  }
}
