package dev.triagebot.bot.webhook;

import dev.triagebot.bot.queue.RecordingTriage;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;

/**
 * The whole service on MockMvc with a private in-memory store and a recording triage in place of
 * the real one. Test classes carrying it share one Spring context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
    properties = {
      "spring.datasource.url=jdbc:h2:mem:ingress-test;DB_CLOSE_DELAY=-1",
      "triage.github.webhook-secret=" + IngressTest.SECRET,
      "triage.queue.poll-interval=50ms"
    })
@AutoConfigureMockMvc
@Import(IngressTest.RecordingTriageConfiguration.class)
public @interface IngressTest {
  /** The webhook secret the service is configured with. */
  String SECRET = "ingress-test-secret-7f3a";

  /** Puts a {@link RecordingTriage} in place of the real triage, which the context also holds. */
  @TestConfiguration(proxyBeanMethods = false)
  class RecordingTriageConfiguration {
    @Bean
    @Primary
    RecordingTriage recordingTriage() {
      return new RecordingTriage();
    }
  }
}
