package dev.triagebot.bot.config;

import dev.triagebot.bot.setup.ServiceReload;
import dev.triagebot.bot.setup.StoredAppCredentials;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires {@code /setup}: where the App credentials it receives are kept under the data dir, and the
 * in-process reload that puts them to use.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
public class SetupConfiguration {

  @Bean
  StoredAppCredentials storedAppCredentials(TriageProperties properties) {
    return new StoredAppCredentials(properties.dataDir());
  }

  @Bean
  ServiceReload serviceReload() {
    return new ServiceReload();
  }
}
