package dev.triagebot.bot.webhook;

import static dev.triagebot.bot.webhook.SignedDeliveries.newDeliveryId;
import static dev.triagebot.bot.webhook.SignedDeliveries.signed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.triagebot.bot.queue.DeliveryLog;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Given the service runs as a GitHub App (dry-run, so nothing reaches GitHub), when a delivery the
 * bot would keep names no installation, then it is refused with a 400 naming the field and nothing
 * is stored: no installation, no token, so a job could only fail.
 */
@SpringBootTest
@AutoConfigureMockMvc
class AppModeIngressTest {
  private static final String OPENED = "issues-opened-mcp-startup-timeout.json";

  @DynamicPropertySource
  static void settings(DynamicPropertyRegistry settings) throws Exception {
    var generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    String pem =
        "-----BEGIN PRIVATE KEY-----\n"
            + Base64.getMimeEncoder()
                .encodeToString(generator.generateKeyPair().getPrivate().getEncoded())
            + "\n-----END PRIVATE KEY-----\n";
    settings.add("spring.datasource.url", () -> "jdbc:h2:mem:app-mode-" + UUID.randomUUID());
    settings.add("triage.github.webhook-secret", () -> IngressTest.SECRET);
    settings.add("triage.github.app-id", () -> "424242");
    settings.add("triage.github.private-key", () -> pem);
    settings.add("triage.github.api-url", () -> "http://127.0.0.1:9");
    settings.add("triage.mode", () -> "dry-run");
    settings.add("triage.review.reaction-polling", () -> "false");
    // Ingress only: no redelivery sweep or reconciliation running behind it in the cached context.
    settings.add("triage.recovery.enabled", () -> "false");
  }

  @Autowired MockMvc mvc;
  @Autowired DeliveryLog deliveries;

  @Test
  void aDeliveryWithoutAnInstallationIsRefusedWith400AndNotStored() throws Exception {
    String id = newDeliveryId();
    var json = new com.fasterxml.jackson.databind.ObjectMapper();
    var payload =
        (com.fasterxml.jackson.databind.node.ObjectNode)
            json.readTree(WebhookFixtures.bytes(OPENED));
    payload.remove("installation");
    byte[] withoutInstallation = json.writeValueAsBytes(payload);

    mvc.perform(signed("issues", id, withoutInstallation))
        .andExpect(status().isBadRequest())
        .andExpect(
            jsonPath("$.error")
                .value("installation.id: missing (the service runs as a GitHub App)"));

    assertThat(deliveries.contains(id)).isFalse();
  }

  @Test
  void aDeliveryWithItsInstallationIsQueued() throws Exception {
    String id = newDeliveryId();

    mvc.perform(signed("issues", id, WebhookFixtures.bytes(OPENED)))
        .andExpect(status().isAccepted());

    assertThat(deliveries.contains(id)).isTrue();
  }
}
