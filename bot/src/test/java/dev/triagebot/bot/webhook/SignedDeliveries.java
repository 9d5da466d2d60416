package dev.triagebot.bot.webhook;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import dev.triagebot.bot.github.FakeGitHub;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** Builds webhook requests as GitHub sends them, signed with {@link IngressTest#SECRET}. */
final class SignedDeliveries {
  static final String PATH = "/github/webhook";
  private static final WebhookSignature SIGNATURE =
      new WebhookSignature(IngressTest.SECRET.getBytes(StandardCharsets.UTF_8));

  private SignedDeliveries() {}

  static String newDeliveryId() {
    return UUID.randomUUID().toString();
  }

  static String signatureOf(byte[] body) {
    return SIGNATURE.sign(body);
  }

  /** A correctly signed delivery of this body. */
  static MockHttpServletRequestBuilder signed(String event, String deliveryId, byte[] body) {
    return post(PATH)
        .contentType(MediaType.APPLICATION_JSON)
        .header(WebhookHeaders.EVENT, event)
        .header(WebhookHeaders.DELIVERY, deliveryId)
        .header(WebhookHeaders.SIGNATURE, signatureOf(body))
        .content(body);
  }

  /**
   * The settings of an end-to-end test: an in-memory store of its own, apply mode in token mode
   * against {@code github}, and a queue that polls and backs off in milliseconds.
   */
  static void endToEndSettings(DynamicPropertyRegistry settings, FakeGitHub github) {
    settings.add("spring.datasource.url", () -> "jdbc:h2:mem:e2e-" + UUID.randomUUID());
    settings.add("triage.github.webhook-secret", () -> IngressTest.SECRET);
    settings.add("triage.github.token", () -> "ghp_end_to_end");
    settings.add("triage.github.api-url", () -> github.apiUrl().toString());
    settings.add("triage.mode", () -> "apply");
    settings.add("triage.queue.poll-interval", () -> "50ms");
    settings.add("triage.queue.initial-backoff", () -> "20ms");
  }

  static MockHttpServletRequestBuilder signedFixture(
      String event, String deliveryId, String fixture) {
    return signed(event, deliveryId, WebhookFixtures.bytes(fixture));
  }
}
