package dev.triagebot.bot.webhook;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.springframework.http.MediaType;
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

  static MockHttpServletRequestBuilder signedFixture(
      String event, String deliveryId, String fixture) {
    return signed(event, deliveryId, WebhookFixtures.bytes(fixture));
  }
}
