package dev.triagebot.bot.webhook;

import java.time.Duration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.MockMvcBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.test.web.servlet.MvcResult;

/**
 * Makes every MockMvc request of the tests wait for an answer written later: the webhook endpoint
 * answers an accepted delivery from another thread once it is stored ({@link WebhookFilter}), and a
 * test's expectations must see that answer, not the empty response of the moment the request went
 * asynchronous. Listed for {@code @AutoConfigureMockMvc} in this module's test resources.
 */
@AutoConfiguration
public class MockMvcAwaitsAsyncAnswers {
  private static final Duration AT_MOST = WebhookFilter.ANSWER_DEADLINE.plusSeconds(1);

  @Bean
  MockMvcBuilderCustomizer awaitAsyncAnswers() {
    return builder -> builder.alwaysDo(MockMvcAwaitsAsyncAnswers::awaitAnswer);
  }

  private static void awaitAnswer(MvcResult result) throws InterruptedException {
    long deadline = System.nanoTime() + AT_MOST.toNanos();
    while (result.getRequest().isAsyncStarted()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no answer within " + AT_MOST + " of the request going async");
      }
      Thread.sleep(1);
    }
  }
}
