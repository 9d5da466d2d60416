package dev.triagebot.bot.webhook;

import static dev.triagebot.bot.webhook.SignedDeliveries.newDeliveryId;
import static dev.triagebot.bot.webhook.SignedDeliveries.signed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.triagebot.bot.issue.IssueSnapshot;
import dev.triagebot.bot.queue.DeliveryLog;
import dev.triagebot.bot.queue.JobQueue;
import dev.triagebot.bot.review.ReviewEvent;
import dev.triagebot.bot.triage.IssueEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Every real payload example GitHub's community captured for the events the bot subscribes to,
 * signed and posted through ingress: each gets the status its event and action call for, and every
 * issue the bot queues maps to the snapshot the payload describes. Expectations are computed from
 * the JSON here, independently of github-api.
 */
@IngressTest
class GitHubExamplesConformanceTest {
  private static final List<String> EVENTS =
      List.of("issues", "issue_comment", "ping", "installation", "installation_repositories");
  private static final ObjectMapper JSON = new ObjectMapper();

  @Autowired MockMvc mvc;
  @Autowired DeliveryLog deliveries;
  @Autowired JobQueue jobs;
  @Autowired GitHubPayloads payloads;
  @Autowired InstallationCoverage coverage;

  @TestFactory
  Stream<DynamicTest> everyExampleGetsTheRightAnswer() throws Exception {
    return GitHubExamples.eachOf(EVENTS, 40, this::conforms);
  }

  private void conforms(String event, Path file) throws Exception {
    byte[] body = Files.readAllBytes(file);
    JsonNode payload = JSON.readTree(body);
    String action = payload.path("action").asText(null);
    String id = newDeliveryId();

    switch (expectedAnswer(event, action, payload)) {
      case PONG ->
          mvc.perform(signed(event, id, body))
              .andExpect(status().isOk())
              .andExpect(jsonPath("$.status").value("pong"));
      case IGNORED -> {
        mvc.perform(signed(event, id, body))
            .andExpect(status().isAccepted())
            .andExpect(jsonPath("$.status").value("ignored"));
        assertThat(deliveries.contains(id)).isFalse();
      }
      case QUEUED -> {
        mvc.perform(signed(event, id, body))
            .andExpect(status().isAccepted())
            .andExpect(jsonPath("$.status").value("queued"));
        assertThat(jobs.forDelivery(id)).hasSize(1);
        IssueEvent rebuilt = payloads.decode(deliveries.find(id).orElseThrow());
        assertThat(rebuilt.deliveryId()).isEqualTo(id);
        assertThat(rebuilt.action()).isEqualTo(action);
        assertThat(rebuilt.issue()).isEqualTo(expectedSnapshot(payload));
      }
      case INDEXED -> {
        mvc.perform(signed(event, id, body))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.status").value("recorded"))
            .andExpect(jsonPath("$.detail").value(containsString("similar-issue index")));
        assertThat(jobs.forDelivery(id)).isEmpty();
        assertThat(deliveries.contains(id)).isTrue();
      }
      case REVIEWED -> {
        mvc.perform(signed(event, id, body))
            .andExpect(status().isAccepted())
            .andExpect(jsonPath("$.status").value("queued"));
        assertThat(jobs.forDelivery(id)).hasSize(1);
        ReviewEvent rebuilt = payloads.decodeReview(deliveries.find(id).orElseThrow());
        assertThat(rebuilt.deliveryId()).isEqualTo(id);
        assertThat(rebuilt.issue().number())
            .isEqualTo(payload.path("issue").path("number").asInt());
      }
      case SUSPENSION -> {
        long installation = payload.path("installation").path("id").asLong();
        List<String> before = coverage.repositoriesOf(installation);
        mvc.perform(signed(event, id, body))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.status").value("recorded"));
        assertThat(jobs.forDelivery(id)).isEmpty();
        assertThat(coverage.repositoriesOf(installation)).isEqualTo(before);
      }
      case RECORDED -> {
        mvc.perform(signed(event, id, body))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.status").value("recorded"));
        assertThat(jobs.forDelivery(id)).isEmpty();
        long installation = payload.path("installation").path("id").asLong();
        List<String> covered = coverage.repositoriesOf(installation);
        if (action.equals("deleted")) {
          assertThat(covered).isEmpty();
        } else {
          String addedField = event.equals("installation") ? "repositories" : "repositories_added";
          List<String> added = fullNames(payload.path(addedField));
          List<String> removed = fullNames(payload.path("repositories_removed"));
          assertThat(added.size() + removed.size())
              .as("the example changes something")
              .isPositive();
          assertThat(added).allMatch(covered::contains);
          assertThat(removed).noneMatch(covered::contains);
        }
      }
    }
  }

  private enum Answer {
    PONG,
    IGNORED,
    QUEUED,
    INDEXED,
    REVIEWED,
    RECORDED,
    /** An installation suspended or unsuspended: recorded, no job, its repositories unchanged. */
    SUSPENSION
  }

  /** The bot's rules, restated from the issue: which events and actions it acts on. */
  private static Answer expectedAnswer(String event, String action, JsonNode payload) {
    switch (event) {
      case "ping":
        return Answer.PONG;
      case "issues":
        JsonNode changes = payload.path("changes");
        boolean textChanged = changes.has("title") || changes.has("body");
        boolean triaged =
            action.equals("opened")
                || action.equals("reopened")
                || (action.equals("edited") && textChanged);
        if (triaged) {
          return Answer.QUEUED;
        }
        boolean labelByAPerson =
            (action.equals("labeled") || action.equals("unlabeled"))
                && !byABot(payload.path("sender"));
        if (labelByAPerson) {
          return Answer.REVIEWED;
        }
        boolean indexed =
            Set.of(
                    "opened",
                    "edited",
                    "closed",
                    "reopened",
                    "labeled",
                    "unlabeled",
                    "deleted",
                    "transferred")
                .contains(action);
        return indexed ? Answer.INDEXED : Answer.IGNORED;
      case "issue_comment":
        boolean commentByAPerson =
            (action.equals("created") || action.equals("edited"))
                && !byABot(payload.path("comment").path("user"))
                && !payload.path("issue").has("pull_request");
        return commentByAPerson ? Answer.REVIEWED : Answer.IGNORED;
      case "installation":
        if (action.equals("suspend") || action.equals("unsuspend")) {
          return Answer.SUSPENSION;
        }
        return action.equals("created") || action.equals("deleted")
            ? Answer.RECORDED
            : Answer.IGNORED;
      case "installation_repositories":
        return action.equals("added") || action.equals("removed")
            ? Answer.RECORDED
            : Answer.IGNORED;
      default:
        return Answer.IGNORED;
    }
  }

  private static boolean byABot(JsonNode user) {
    return user.path("type").asText("").equals("Bot")
        || user.path("login").asText("").endsWith("[bot]");
  }

  private static IssueSnapshot expectedSnapshot(JsonNode payload) {
    JsonNode issue = payload.path("issue");
    JsonNode user = issue.path("user");
    List<String> labels = new ArrayList<>();
    issue.path("labels").forEach(label -> labels.add(label.path("name").asText()));
    return new IssueSnapshot(
        payload.path("installation").path("id").asLong(0),
        payload.path("repository").path("full_name").asText(),
        issue.path("number").asInt(),
        issue.path("title").asText(),
        issue.path("body").isNull() ? "" : issue.path("body").asText(),
        labels,
        user.path("login").asText(),
        user.path("type").asText().equals("Bot"),
        issue.has("pull_request"),
        issue.path("state").asText(),
        issue.path("html_url").asText(),
        issue.path("updated_at").isTextual()
            ? java.time.Instant.parse(issue.path("updated_at").asText())
            : null,
        issue.path("author_association").textValue());
  }

  private static List<String> fullNames(JsonNode repositories) {
    List<String> names = new ArrayList<>();
    repositories.forEach(repository -> names.add(repository.path("full_name").asText()));
    return names;
  }
}
