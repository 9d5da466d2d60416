package dev.triagebot.bot.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.Mockito.doAnswer;

import dev.triagebot.bot.queue.DeliveryLog;
import dev.triagebot.bot.queue.IngressActivity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

/**
 * On a real Tomcat with two request threads, deliveries waiting for a held store do not hold those
 * threads: more of them are in flight at once than there are threads, none waits for a thread, and
 * each is answered once the store lets go. Answered in the request thread, the third delivery would
 * wait for a thread until the first was stored.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "server.tomcat.threads.max=2",
      "server.tomcat.threads.min-spare=1",
      "triage.github.webhook-secret=" + IngressTest.SECRET,
      "triage.review.reaction-polling=false"
    })
class AnswerWithoutHeldThreadsTest {
  private static final int DELIVERIES = 8;

  @DynamicPropertySource
  static void settings(DynamicPropertyRegistry settings) {
    settings.add("triage.data-dir", AnswerWithoutHeldThreadsTest::dataDir);
    settings.add("spring.datasource.url", () -> "jdbc:h2:mem:answer-later-" + UUID.randomUUID());
  }

  @LocalServerPort int port;
  @Autowired IngressActivity activity;
  @Autowired RequestThreads requestThreads;
  @MockitoSpyBean DeliveryLog deliveries;

  @Test
  void deliveriesWaitingForTheStoreHoldNoRequestThread() throws Exception {
    CountDownLatch storeHeld = new CountDownLatch(1);
    doAnswer(
            insert -> {
              storeHeld.await();
              return insert.callRealMethod();
            })
        .when(deliveries)
        .insertAll(anyList());
    HttpClient http = HttpClient.newHttpClient();
    byte[] body = WebhookFixtures.bytes("issues-opened-mcp-startup-timeout.json");
    List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
    try {
      for (int i = 0; i < DELIVERIES; i++) {
        answers.add(http.sendAsync(signed(body), HttpResponse.BodyHandlers.ofString()));
      }

      await().atMost(Duration.ofSeconds(5)).until(() -> activity.inFlight() == DELIVERIES);
      assertThat(requestThreads.waiting()).isZero();
      assertThat(answers).noneMatch(CompletableFuture::isDone);
    } finally {
      storeHeld.countDown();
    }
    for (CompletableFuture<HttpResponse<String>> answer : answers) {
      HttpResponse<String> response = answer.get();
      assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
      assertThat(response.body()).contains("\"status\":\"queued\"");
    }
    await().atMost(Duration.ofSeconds(5)).until(() -> activity.inFlight() == 0);
  }

  private HttpRequest signed(byte[] body) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + SignedDeliveries.PATH))
        .header("Content-Type", "application/json")
        .header(WebhookHeaders.EVENT, "issues")
        .header(WebhookHeaders.DELIVERY, SignedDeliveries.newDeliveryId())
        .header(WebhookHeaders.SIGNATURE, SignedDeliveries.signatureOf(body))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
  }

  private static String dataDir() {
    try {
      return Files.createTempDirectory("answer-later").toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
