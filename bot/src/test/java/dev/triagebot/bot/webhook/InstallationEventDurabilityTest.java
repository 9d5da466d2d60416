package dev.triagebot.bot.webhook;

import static dev.triagebot.bot.webhook.SignedDeliveries.newDeliveryId;
import static dev.triagebot.bot.webhook.SignedDeliveries.signedFixture;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.verify;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.triagebot.bot.queue.DurableCommits;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * An installation event is stored in its own transaction, outside the group commit: it too is
 * written to the store's file before GitHub gets its answer (the kill test covers the group
 * commit's deliveries).
 */
@IngressTest
class InstallationEventDurabilityTest {
  @Autowired MockMvc mvc;
  @MockitoSpyBean DurableCommits durable;

  /**
   * A database of its own: the spy makes this a second context, whose workers would otherwise claim
   * the jobs of the tests that share {@link IngressTest}'s.
   */
  @DynamicPropertySource
  static void ownDatabase(DynamicPropertyRegistry settings) {
    settings.add(
        "spring.datasource.url", () -> "jdbc:h2:mem:installation-durability;DB_CLOSE_DELAY=-1");
  }

  @Test
  void anInstallationEventIsWrittenToTheFileBeforeItIsAnswered() throws Exception {
    clearInvocations(durable);

    mvc.perform(
            signedFixture(
                "installation", newDeliveryId(), "installation-created-two-repositories.json"))
        .andExpect(status().isOk());

    verify(durable).flush();
  }
}
