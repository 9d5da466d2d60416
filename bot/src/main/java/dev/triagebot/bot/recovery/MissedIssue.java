package dev.triagebot.bot.recovery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.triagebot.bot.issue.RepositoryRef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * An issue the REST API lists, and the {@code issues opened} delivery the service missed for it,
 * rebuilt from GitHub's own issue object (webhooks and the REST API share it), so that it takes the
 * path every delivery takes: ingress stores it with its job, a worker triages it.
 *
 * @param repository the repository and the installation it is reached through
 * @param issue GitHub's issue object
 */
record MissedIssue(RepositoryRef repository, JsonNode issue) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Reads one item of the REST listing. */
  static MissedIssue read(RepositoryRef repository, String json) {
    try {
      return new MissedIssue(repository, JSON.readTree(json));
    } catch (IOException unreadable) {
      throw new UncheckedIOException("an issue GitHub listed is not JSON", unreadable);
    }
  }

  int number() {
    return issue.path("number").asInt();
  }

  boolean pullRequest() {
    JsonNode pullRequest = issue.get("pull_request");
    return pullRequest != null && !pullRequest.isNull();
  }

  boolean open() {
    return "open".equals(issue.path("state").asText());
  }

  Instant createdAt() {
    return Instant.parse(issue.path("created_at").asText());
  }

  Instant updatedAt() {
    return Instant.parse(issue.path("updated_at").asText());
  }

  /** The key the queue knows the issue's jobs by, as ingress writes it. */
  String issueKey() {
    return repository.fullName() + "#" + number();
  }

  /**
   * The delivery id: the same for every run and replica, so the store takes the issue's missed
   * delivery once. Never a GitHub guid, so it cannot collide with a real (re)delivery.
   */
  String deliveryId() {
    return "reconciled-"
        + UUID.nameUUIDFromBytes(
            (repository.fullName().toLowerCase(java.util.Locale.ROOT) + "#" + number())
                .getBytes(StandardCharsets.UTF_8));
  }

  /** The body of the {@code issues opened} delivery, as GitHub would have sent it. */
  byte[] openedPayload() {
    ObjectNode payload = JSON.createObjectNode();
    payload.put("action", "opened");
    payload.set("issue", issue);
    String fullName = repository.fullName();
    ObjectNode repo = payload.putObject("repository");
    repo.put("name", fullName.substring(fullName.indexOf('/') + 1));
    repo.put("full_name", fullName);
    repo.putObject("owner").put("login", fullName.substring(0, fullName.indexOf('/')));
    if (repository.installationId() > 0) {
      payload.putObject("installation").put("id", repository.installationId());
    }
    JsonNode author = issue.get("user");
    if (author != null && author.isObject()) {
      payload.set("sender", author);
    }
    try {
      return JSON.writeValueAsBytes(payload);
    } catch (IOException cannotHappen) {
      throw new UncheckedIOException(cannotHappen);
    }
  }
}
