package dev.triagebot.bot.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class EmbeddedStoreLocationTest {

  private static String urlWith(Map<String, Object> settings) {
    StandardEnvironment environment = new StandardEnvironment();
    environment.getPropertySources().addFirst(new MapPropertySource("test", settings));
    new EmbeddedStoreLocation().postProcessEnvironment(environment, new SpringApplication());
    return environment.getProperty("spring.datasource.url");
  }

  @Test
  void defaultStoreIsAnH2FileUnderTheDataDirectoryMadeAbsolute() {
    String url = urlWith(Map.of());

    assertThat(url)
        .isEqualTo(
            "jdbc:h2:file:"
                + Path.of("data").toAbsolutePath().resolve("triage")
                + ";WRITE_DELAY=500;AUTO_COMPACT_FILL_RATE=50;AUTO_SERVER=FALSE;QUERY_CACHE_SIZE=64");
  }

  @Test
  void dataDirectorySettingMovesTheStore() {
    assertThat(urlWith(Map.of("triage.data-dir", "/var/lib/triage-bot")))
        .startsWith("jdbc:h2:file:/var/lib/triage-bot/triage;");
  }

  @Test
  void anExplicitDataSourceUrlWins() {
    String postgres = "jdbc:postgresql://db:5432/triage";

    assertThat(urlWith(Map.of("spring.datasource.url", postgres))).isEqualTo(postgres);
  }
}
