package dev.triagebot.bot.webhook;

import static dev.triagebot.bot.webhook.SignedDeliveries.newDeliveryId;
import static dev.triagebot.bot.webhook.SignedDeliveries.signed;
import static dev.triagebot.bot.webhook.SignedDeliveries.signedFixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.triagebot.bot.issue.IssueSnapshot;
import dev.triagebot.bot.queue.DeliveryLog;
import dev.triagebot.bot.queue.InstallationSuspensions;
import dev.triagebot.bot.queue.Job;
import dev.triagebot.bot.queue.JobQueue;
import dev.triagebot.bot.queue.RecordingTriage;
import dev.triagebot.bot.queue.StoredDelivery;
import dev.triagebot.bot.triage.IssueEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/** {@code POST /github/webhook} end to end: headers, signature, parsing, storage and the queue. */
@IngressTest
class WebhookEndpointTest {
  private static final String OPENED = "issues-opened-mcp-startup-timeout.json";

  @Autowired MockMvc mvc;
  @Autowired DeliveryLog deliveries;
  @Autowired JobQueue jobs;
  @Autowired InstallationCoverage coverage;
  @Autowired InstallationSuspensions suspensions;
  @Autowired RecordingTriage triage;

  @Test
  void signedOpenedIssueIsStoredVerbatimWithOneQueuedJob() throws Exception {
    String id = newDeliveryId();

    mvc.perform(signedFixture("issues", id, OPENED))
        .andExpect(status().isAccepted())
        .andExpect(jsonPath("$.status").value("queued"))
        .andExpect(jsonPath("$.delivery").value(id))
        .andExpect(jsonPath("$.job").isNumber());

    StoredDelivery stored = deliveries.find(id).orElseThrow();
    assertThat(stored.event()).isEqualTo("issues");
    assertThat(stored.action()).isEqualTo("opened");
    assertThat(stored.installationId()).isEqualTo(58213947L);
    assertThat(stored.repository()).isEqualTo("anthropics/claude-code");
    assertThat(stored.payload()).isEqualTo(WebhookFixtures.bytes(OPENED));
    assertThat(stored.receivedAt()).isNotNull();
    assertThat(jobs.forDelivery(id)).hasSize(1);
  }

  @Test
  void queuedIssueReachesTheTriageFromAWorkerExactlyOnce() throws Exception {
    String id = newDeliveryId();

    mvc.perform(signedFixture("issues", id, "issues-reopened-with-labels.json"))
        .andExpect(status().isAccepted());

    await().atMost(Duration.ofSeconds(10)).until(() -> !triage.eventsFor(id).isEmpty());
    IssueEvent event = triage.eventsFor(id).get(0);
    assertThat(event.action()).isEqualTo("reopened");
    assertThat(event.issue())
        .isEqualTo(
            new IssueSnapshot(
                58213947L,
                "anthropics/claude-code",
                60871,
                "Auto-compact loops forever after \"Context low\" warning",
                "After the `Context low (2% remaining)` warning, auto-compact starts, finishes, and"
                    + " starts again. It never returns to the prompt.\n\n"
                    + "Version 2.0.28, macOS 15.1.",
                List.of("bug", "area:mcp"),
                "river-okafor",
                false,
                false,
                "open",
                "https://github.com/anthropics/claude-code/issues/60871",
                java.time.Instant.parse("2026-11-25T12:00:03Z"),
                "NONE"));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> jobs.forDelivery(id).get(0).status().column().equals("done"));
    assertThat(triage.eventsFor(id)).hasSize(1);
  }

  @Test
  void anyOtherMethodThanPostIsAnswered405WithAJsonReasonAndStoresNothing() throws Exception {
    mvc.perform(get("/github/webhook").header(WebhookHeaders.DELIVERY, "a-get"))
        .andExpect(status().isMethodNotAllowed())
        .andExpect(header().string("Allow", "POST"))
        .andExpect(jsonPath("$.error").value("method not allowed; deliveries are POSTed"));

    assertThat(deliveries.find("a-get")).isEmpty();
  }

  @Test
  void redeliveryOfTheSameIdAnswersDuplicateAndQueuesNoSecondJob() throws Exception {
    String id = newDeliveryId();
    mvc.perform(signedFixture("issues", id, OPENED)).andExpect(status().isAccepted());

    mvc.perform(signedFixture("issues", id, OPENED))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.status").value("duplicate delivery"));

    List<Job> jobsOfDelivery = jobs.forDelivery(id);
    assertThat(jobsOfDelivery).hasSize(1);
  }

  @Test
  void invalidSignatureIsRefusedWith401AndNothingIsStored() throws Exception {
    String id = newDeliveryId();
    byte[] body = WebhookFixtures.bytes(OPENED);
    byte[] tampered = Arrays.copyOf(body, body.length);
    tampered[tampered.length / 2] ^= 1;

    mvc.perform(
            post(SignedDeliveries.PATH)
                .contentType(MediaType.APPLICATION_JSON)
                .header(WebhookHeaders.EVENT, "issues")
                .header(WebhookHeaders.DELIVERY, id)
                .header(WebhookHeaders.SIGNATURE, SignedDeliveries.signatureOf(body))
                .content(tampered))
        .andExpect(status().isUnauthorized())
        .andExpect(jsonPath("$.error").value(containsString("does not match")))
        .andExpect(content().string(not(containsString(IngressTest.SECRET))));

    assertThat(deliveries.contains(id)).isFalse();
  }

  @Test
  void signatureMadeWithAnotherSecretIsRefusedWith401() throws Exception {
    String id = newDeliveryId();
    byte[] body = WebhookFixtures.bytes(OPENED);
    String otherSecret =
        new WebhookSignature("dev-secret".getBytes(StandardCharsets.UTF_8)).sign(body);

    mvc.perform(
            post(SignedDeliveries.PATH)
                .header(WebhookHeaders.EVENT, "issues")
                .header(WebhookHeaders.DELIVERY, id)
                .header(WebhookHeaders.SIGNATURE, otherSecret)
                .content(body))
        .andExpect(status().isUnauthorized());

    assertThat(deliveries.contains(id)).isFalse();
  }

  @Test
  void missingSignatureIsRefusedWith401AndNothingIsStored() throws Exception {
    String id = newDeliveryId();

    mvc.perform(
            post(SignedDeliveries.PATH)
                .header(WebhookHeaders.EVENT, "issues")
                .header(WebhookHeaders.DELIVERY, id)
                .content(WebhookFixtures.bytes(OPENED)))
        .andExpect(status().isUnauthorized())
        .andExpect(jsonPath("$.error").value("missing X-Hub-Signature-256 header"));

    assertThat(deliveries.contains(id)).isFalse();
  }

  @Test
  void missingEventHeaderIsRefusedWith400() throws Exception {
    byte[] body = WebhookFixtures.bytes(OPENED);

    mvc.perform(
            post(SignedDeliveries.PATH)
                .header(WebhookHeaders.DELIVERY, newDeliveryId())
                .header(WebhookHeaders.SIGNATURE, SignedDeliveries.signatureOf(body))
                .content(body))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.error").value("missing X-GitHub-Event header"));
  }

  @Test
  void missingDeliveryHeaderIsRefusedWith400() throws Exception {
    byte[] body = WebhookFixtures.bytes(OPENED);

    mvc.perform(
            post(SignedDeliveries.PATH)
                .header(WebhookHeaders.EVENT, "issues")
                .header(WebhookHeaders.SIGNATURE, SignedDeliveries.signatureOf(body))
                .content(body))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.error").value("missing X-GitHub-Delivery header"));
  }

  @Test
  void bodyOverGitHubsCapIsRefusedWith413AndNothingIsStored() throws Exception {
    String id = newDeliveryId();
    byte[] huge = new byte[(int) WebhookHeaders.MAX_PAYLOAD_BYTES + 1];
    Arrays.fill(huge, (byte) ' ');

    mvc.perform(signed("issues", id, huge))
        .andExpect(status().is(413))
        .andExpect(jsonPath("$.error").value(containsString("larger than")));

    assertThat(deliveries.contains(id)).isFalse();
  }

  @Test
  void malformedJsonIsRefusedWith400AndNothingIsStored() throws Exception {
    String id = newDeliveryId();
    byte[] body = "{\"action\": \"opened\", \"issue\": {".getBytes(StandardCharsets.UTF_8);

    mvc.perform(signed("issues", id, body))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.error").value(containsString("malformed JSON for an issues event")));

    assertThat(deliveries.contains(id)).isFalse();
  }

  @Test
  void pingIsAnsweredWith200AndNotStored() throws Exception {
    String id = newDeliveryId();
    byte[] body =
        "{\"zen\":\"Design for failure.\",\"hook_id\":498123}".getBytes(StandardCharsets.UTF_8);

    mvc.perform(signed("ping", id, body))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.status").value("pong"));

    assertThat(deliveries.contains(id)).isFalse();
  }

  @Test
  void unhandledEventIsAcceptedWith202AndIgnored() throws Exception {
    String id = newDeliveryId();
    byte[] body =
        "{\"action\":\"started\",\"starred_at\":\"2026-11-24T10:00:00Z\"}"
            .getBytes(StandardCharsets.UTF_8);

    mvc.perform(signed("star", id, body))
        .andExpect(status().isAccepted())
        .andExpect(jsonPath("$.status").value("ignored"))
        .andExpect(jsonPath("$.detail").value("star.started is not handled"));

    assertThat(deliveries.contains(id)).isFalse();
  }

  @Test
  void unhandledIssueActionIsAcceptedWith202AndIgnored() throws Exception {
    String id = newDeliveryId();
    // Labels are followed up by review now; milestoning is handled by nothing.
    byte[] milestoned =
        new String(WebhookFixtures.bytes("issues-labeled-bug.json"), StandardCharsets.UTF_8)
            .replace("\"action\": \"labeled\"", "\"action\": \"milestoned\"")
            .getBytes(StandardCharsets.UTF_8);

    mvc.perform(signed("issues", id, milestoned))
        .andExpect(status().isAccepted())
        .andExpect(jsonPath("$.status").value("ignored"));

    assertThat(deliveries.contains(id)).isFalse();
  }

  @Test
  void aClosedIssueIsNotTriagedButStoredForTheSimilarIssueIndex() throws Exception {
    String id = newDeliveryId();
    byte[] closed =
        new String(WebhookFixtures.bytes("issues-labeled-bug.json"), StandardCharsets.UTF_8)
            .replace("\"action\": \"labeled\"", "\"action\": \"closed\"")
            .getBytes(StandardCharsets.UTF_8);

    mvc.perform(signed("issues", id, closed))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.status").value("recorded"))
        .andExpect(jsonPath("$.detail").value(containsString("similar-issue index")));

    assertThat(deliveries.contains(id)).isTrue();
    assertThat(jobs.forDelivery(id)).isEmpty();
  }

  @Test
  void editThatChangesNeitherTitleNorBodyIsNotTriagedButKeptForTheIndex() throws Exception {
    String id = newDeliveryId();

    mvc.perform(signedFixture("issues", id, "issues-edited-no-text-change.json"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.status").value("recorded"))
        .andExpect(jsonPath("$.detail").value(containsString("neither the title nor the body")));

    assertThat(jobs.forDelivery(id)).isEmpty();
  }

  @Test
  void editThatChangesTheTitleIsQueued() throws Exception {
    String id = newDeliveryId();

    mvc.perform(signedFixture("issues", id, "issues-edited-title-changed.json"))
        .andExpect(status().isAccepted())
        .andExpect(jsonPath("$.status").value("queued"));

    assertThat(jobs.forDelivery(id)).hasSize(1);
  }

  @Test
  void installationEventsRecordWhichRepositoriesTheInstallationCovers() throws Exception {
    long installation = 58213947L;

    mvc.perform(
            signedFixture(
                "installation", newDeliveryId(), "installation-created-two-repositories.json"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.status").value("recorded"));
    assertThat(coverage.repositoriesOf(installation))
        .containsExactly("anthropics/claude-code", "anthropics/claude-code-action");

    mvc.perform(
            signedFixture(
                "installation_repositories",
                newDeliveryId(),
                "installation_repositories-added-one-repository.json"))
        .andExpect(status().isOk());
    mvc.perform(
            signedFixture(
                "installation_repositories",
                newDeliveryId(),
                "installation_repositories-removed-one-repository.json"))
        .andExpect(status().isOk());
    assertThat(coverage.repositoriesOf(installation))
        .containsExactly("anthropics/claude-agent-sdk-python", "anthropics/claude-code");
    assertThat(coverage.installationFor("anthropics/claude-code")).hasValue(installation);

    String deletion = newDeliveryId();
    mvc.perform(
            signedFixture("installation", deletion, "installation-deleted-two-repositories.json"))
        .andExpect(status().isOk());
    assertThat(coverage.repositoriesOf(installation)).isEmpty();
    assertThat(deliveries.find(deletion).orElseThrow().installationId()).isEqualTo(installation);
    assertThat(jobs.forDelivery(deletion)).as("installation events need no triage").isEmpty();
  }

  @Test
  void anAuthorAssociationLongerThanTheStoreKeepsIsStoredAndItsDeliveryQueued() throws Exception {
    // Found by SignedHostilePayloadsTest: the known-issue row refused it inside the delivery's
    // transaction, so the delivery was answered 503 on every redelivery.
    String id = newDeliveryId();
    byte[] oddAssociation =
        fixtureText()
            .replaceFirst(
                "\"author_association\": \"NONE\"",
                "\"author_association\": \"" + "X".repeat(2_000) + "\"")
            .getBytes(StandardCharsets.UTF_8);

    mvc.perform(signed("issues", id, oddAssociation))
        .andExpect(status().isAccepted())
        .andExpect(jsonPath("$.status").value("queued"));

    assertThat(deliveries.find(id).orElseThrow().payload()).isEqualTo(oddAssociation);
  }

  @Test
  void aPayloadTheWorkerCannotReadIsStoredAndItsJobParkedNamingTheField() throws Exception {
    // Ingress reads only what routing needs; the worker checks the rest, and parks what fails.
    String id = newDeliveryId();
    byte[] nullLogin =
        fixtureText()
            .replaceFirst("\"login\": \"river-okafor\"", "\"login\": null")
            .getBytes(StandardCharsets.UTF_8);

    mvc.perform(signed("issues", id, nullLogin))
        .andExpect(status().isAccepted())
        .andExpect(jsonPath("$.status").value("queued"));

    assertThat(deliveries.find(id).orElseThrow().payload()).isEqualTo(nullLogin);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> jobs.forDelivery(id).get(0).status().column().equals("failed"));
    assertThat(jobs.forDelivery(id).get(0).lastError())
        .startsWith("payload could not be read: ")
        .contains("issue.user.login: missing");
    assertThat(triage.eventsFor(id)).isEmpty();
  }

  @Test
  void aDeliveryWithoutTheIssueItsJobIsAboutIsRefusedWith400() throws Exception {
    assertRefusedAndNotStored(
        fixtureText().replaceFirst("\"number\": ", "\"numero\": "), "issue.number: missing");
  }

  @Test
  void anIgnoredActionIsAnsweredWithoutBeingStored() throws Exception {
    String id = newDeliveryId();

    mvc.perform(
            signed(
                "issues",
                id,
                fixtureText().replace("\"opened\"", "\"pinned\"").getBytes(StandardCharsets.UTF_8)))
        .andExpect(status().isAccepted())
        .andExpect(jsonPath("$.status").value("ignored"))
        .andExpect(jsonPath("$.detail").value("issues.pinned is not handled"));

    assertThat(deliveries.contains(id)).isFalse();
  }

  @Test
  void aRepositoryNameThatIsNoGitHubNameIsRefusedWith400() throws Exception {
    assertRefusedAndNotStored(
        fixtureText()
            .replace("\"full_name\": \"anthropics/claude-code\"", "\"full_name\": \"../../app/x\""),
        "repository.full_name: must be");
  }

  @Test
  void jsonFollowedByTrailingGarbageIsRefusedWith400() throws Exception {
    assertRefusedAndNotStored(fixtureText() + "}}}", "more after the JSON value");
  }

  private static String fixtureText() {
    return new String(WebhookFixtures.bytes(OPENED), StandardCharsets.UTF_8);
  }

  private void assertRefusedAndNotStored(String body, String error) throws Exception {
    String id = newDeliveryId();

    mvc.perform(signed("issues", id, body.getBytes(StandardCharsets.UTF_8)))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.error").value(containsString(error)));

    assertThat(deliveries.contains(id)).isFalse();
  }

  @Test
  void theErrorPageAskedForDirectlyIsA404InJson() throws Exception {
    mvc.perform(get("/error"))
        .andExpect(status().isNotFound())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
        .andExpect(jsonPath("$.error").value("not found"));
  }

  @Test
  void suspendHoldsAnInstallationsJobsAndUnsuspendReleasesThemWithoutTouchingItsRepositories()
      throws Exception {
    long installation = 58213947L;
    mvc.perform(
            signedFixture(
                "installation", newDeliveryId(), "installation-created-two-repositories.json"))
        .andExpect(status().isOk());

    mvc.perform(
            signedFixture(
                "installation", newDeliveryId(), "installation-suspend-by-the-owner.json"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.status").value("recorded"));
    assertThat(suspensions.suspendedUntil(installation)).isPresent();

    mvc.perform(
            signedFixture(
                "installation", newDeliveryId(), "installation-unsuspend-by-the-owner.json"))
        .andExpect(status().isOk());
    assertThat(suspensions.suspendedUntil(installation)).isEmpty();
    assertThat(coverage.repositoriesOf(installation)).hasSize(2);
  }

  @Test
  void healthIsUp() throws Exception {
    mvc.perform(get("/actuator/health"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.status").value("UP"));
  }
}
