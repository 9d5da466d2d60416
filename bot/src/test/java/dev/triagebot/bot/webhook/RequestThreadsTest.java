package dev.triagebot.bot.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.triagebot.bot.queue.IngressActivity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The count of requests waiting for a web server thread comes from the running Tomcat: with its few
 * threads all taken, every further request waits in its queue, is counted, and makes ingress busy
 * for the workers.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "server.tomcat.threads.max=4",
      "server.tomcat.threads.min-spare=1",
      "triage.ingress.max-in-flight=2",
      "triage.review.reaction-polling=false"
    })
class RequestThreadsTest {
  private static final int THREADS = 4;

  @DynamicPropertySource
  static void settings(DynamicPropertyRegistry settings) {
    settings.add("triage.data-dir", RequestThreadsTest::dataDir);
    settings.add("spring.datasource.url", () -> "jdbc:h2:mem:request-threads");
  }

  @Autowired WebServerApplicationContext context;
  @Autowired RequestThreads requestThreads;
  @Autowired IngressActivity activity;

  @Test
  void requestsWaitingForATakenThreadAreCountedAndMakeIngressBusy() {
    Executor tomcatThreads =
        ((TomcatWebServer) context.getWebServer())
            .getTomcat()
            .getConnector()
            .getProtocolHandler()
            .getExecutor();
    CountDownLatch release = new CountDownLatch(1);
    try {
      for (int i = 0; i < THREADS + 3; i++) {
        tomcatThreads.execute(() -> awaitQuietly(release));
      }

      await().atMost(Duration.ofSeconds(10)).until(() -> requestThreads.waiting() == 3);
      assertThat(activity.busy()).isTrue();
    } finally {
      release.countDown();
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> requestThreads.waiting() == 0);
    assertThat(activity.busy()).isFalse();
  }

  private static void awaitQuietly(CountDownLatch release) {
    try {
      release.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String dataDir() {
    try {
      return Files.createTempDirectory("request-threads").toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
