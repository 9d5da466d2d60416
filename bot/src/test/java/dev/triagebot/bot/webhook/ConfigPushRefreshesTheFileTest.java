package dev.triagebot.bot.webhook;

import static dev.triagebot.bot.webhook.SignedDeliveries.newDeliveryId;
import static dev.triagebot.bot.webhook.SignedDeliveries.signed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.triagebot.bot.github.FakeGitHub;
import dev.triagebot.bot.issue.RepositoryRef;
import dev.triagebot.bot.repoconfig.RepositoryConfigs;
import dev.triagebot.bot.triage.TriageMode;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The whole service: given a configuration file the bot has read, when GitHub delivers a push that
 * changed it, then the bot reads it again at once and the new version is in force.
 */
@SpringBootTest
@AutoConfigureMockMvc
class ConfigPushRefreshesTheFileTest {
  static final String REPO = "Codertocat/Hello-World";
  static final String CONTENTS = "/repos/" + REPO + "/contents/" + RepositoryConfigs.PATH;
  static final FakeGitHub GITHUB = new FakeGitHub();

  @DynamicPropertySource
  static void settings(DynamicPropertyRegistry settings) {
    settings.add("spring.datasource.url", () -> "jdbc:h2:mem:push-" + UUID.randomUUID());
    settings.add("triage.github.webhook-secret", () -> IngressTest.SECRET);
    settings.add("triage.github.token", () -> "ghp_push_test");
    settings.add("triage.github.api-url", () -> GITHUB.apiUrl().toString());
    settings.add("triage.mode", () -> "apply");
  }

  @AfterAll
  static void stopFakeGitHub() {
    GITHUB.close();
  }

  @Autowired MockMvc mvc;
  @Autowired RepositoryConfigs configs;
  @Autowired JdbcClient jdbc;

  @Test
  void aPushThatChangedTheFileHasItReadAgainAtOnce() throws Exception {
    // given the bot has read the repository's file
    RepositoryRef repository = new RepositoryRef(1, REPO);
    GITHUB.hasFile(REPO, RepositoryConfigs.PATH, "mode: suggest\n", "\"v1\"");
    assertThat(configs.forRepository(repository).mode()).isEqualTo(TriageMode.SUGGEST);
    GITHUB.hasFile(REPO, RepositoryConfigs.PATH, "mode: dry-run\n", "\"v2\"");

    // when a push to the default branch that modified it is delivered
    String delivery = newDeliveryId();
    mvc.perform(signed("push", delivery, ConfigPushTest.fixture()))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.status").value("recorded"))
        .andExpect(
            jsonPath("$.detail").value(REPO + "/.github/triage-bot.yml changed: read again"));

    // then the file is read again at once, without its ETag, and the new version is in force
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> GITHUB.received("GET", CONTENTS).size() == 2);
    List<LoggedRequest> reads = GITHUB.received("GET", CONTENTS);
    assertThat(reads.get(1).containsHeader("If-None-Match")).isFalse();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> configs.forRepository(repository).mode() == TriageMode.DRY_RUN);

    // and a redelivery of the same push changes nothing more
    mvc.perform(signed("push", delivery, ConfigPushTest.fixture())).andExpect(status().isOk());
    assertThat(GITHUB.received("GET", CONTENTS)).hasSize(2);
  }

  @Test
  void aPushToAnotherBranchIsAnsweredIgnoredAndNotStored() throws Exception {
    ObjectNode push = ConfigPushTest.fixtureTree().put("ref", "refs/heads/try-config");
    String delivery = newDeliveryId();

    mvc.perform(signed("push", delivery, ConfigPushTest.JSON.writeValueAsBytes(push)))
        .andExpect(status().isAccepted());

    assertThat(
            jdbc.sql("SELECT COUNT(*) FROM webhook_delivery WHERE id = :id")
                .param("id", delivery)
                .query(Integer.class)
                .single())
        .isZero();
  }
}
