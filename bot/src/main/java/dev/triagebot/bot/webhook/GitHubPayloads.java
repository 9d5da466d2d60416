package dev.triagebot.bot.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.triagebot.bot.queue.IssueEventDecoder;
import dev.triagebot.bot.queue.StoredDelivery;
import dev.triagebot.bot.triage.IssueEvent;
import dev.triagebot.bot.triage.IssueSnapshot;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.kohsuke.github.GHAppInstallation;
import org.kohsuke.github.GHEventPayload;
import org.kohsuke.github.GHIssue;
import org.kohsuke.github.GHIssueChanges;
import org.kohsuke.github.GHLabel;
import org.kohsuke.github.GHRepository;
import org.kohsuke.github.GHUser;
import org.kohsuke.github.GitHub;
import org.springframework.stereotype.Component;

/**
 * The one reader of GitHub's payload format: parses bodies with github-api's {@link GHEventPayload}
 * types (offline, never calling GitHub) and maps them at once to {@link InboundPayload} and {@link
 * IssueSnapshot}. Nothing else in the bot sees {@code org.kohsuke.github} types.
 */
@Component
public class GitHubPayloads implements IssueEventDecoder {
  private static final int MAX_REASON_LENGTH = 200;

  private final GitHub offline = GitHub.offline();

  /**
   * Reads a body as the payload of the named event.
   *
   * @throws MalformedPayloadException when it is not JSON, or not shaped like that event
   */
  public InboundPayload read(String event, byte[] body) throws MalformedPayloadException {
    return switch (event) {
      case "issues" -> issue(parse(body, GHEventPayload.Issue.class, event));
      case "installation" -> installation(parse(body, GHEventPayload.Installation.class, event));
      case "installation_repositories" ->
          installationRepositories(
              parse(body, GHEventPayload.InstallationRepositories.class, event));
      // Ping's type holds just the properties every payload shares.
      default -> new InboundPayload.Other(envelope(parse(body, GHEventPayload.Ping.class, event)));
    };
  }

  /** Rebuilds the issue event of a stored {@code issues} delivery, for the queue's workers. */
  @Override
  public IssueEvent decode(StoredDelivery delivery) {
    InboundPayload payload;
    try {
      payload = read(delivery.event(), delivery.payload());
    } catch (MalformedPayloadException e) {
      throw new IllegalArgumentException(
          "stored delivery " + delivery.id() + ": " + e.getMessage(), e);
    }
    if (!(payload instanceof InboundPayload.Issue issue)) {
      throw new IllegalArgumentException(
          "stored delivery " + delivery.id() + " is a " + delivery.event() + " event, not issues");
    }
    return new IssueEvent(delivery.id(), issue.envelope().action(), issue.issue());
  }

  private <T extends GHEventPayload> T parse(byte[] body, Class<T> type, String event)
      throws MalformedPayloadException {
    try (Reader reader =
        new InputStreamReader(new ByteArrayInputStream(body), StandardCharsets.UTF_8)) {
      T payload = offline.parseEventPayload(reader, type);
      if (payload == null) {
        throw new MalformedPayloadException(
            "payload is JSON null, not a " + event + " event", null);
      }
      return payload;
    } catch (JsonProcessingException e) {
      throw new MalformedPayloadException(
          "malformed JSON for a " + event + " event: " + shortened(e.getOriginalMessage()), e);
    } catch (IOException | RuntimeException e) {
      throw new MalformedPayloadException(
          "payload is not a readable " + event + " event: " + shortened(e.getMessage()), e);
    }
  }

  private static InboundPayload.Issue issue(GHEventPayload.Issue payload)
      throws MalformedPayloadException {
    GHIssue issue = required(payload.getIssue(), "issues", "issue");
    GHRepository repository = required(payload.getRepository(), "issues", "repository");
    GHUser author;
    String authorType;
    try {
      author = required(issue.getUser(), "issues", "issue.user");
      authorType = author.getType();
    } catch (IOException offlineNeverFetches) {
      throw new MalformedPayloadException("issue.user cannot be read", offlineNeverFetches);
    }
    if (issue.getNumber() <= 0) {
      throw new MalformedPayloadException("issue.number must be a positive number", null);
    }
    GHIssueChanges changes = payload.getChanges();
    boolean titleOrBodyChanged =
        changes != null && (changes.getTitle() != null || changes.getBody() != null);
    InboundPayload.Envelope envelope = envelope(payload);
    IssueSnapshot snapshot =
        new IssueSnapshot(
            envelope.installationId() == null ? 0 : envelope.installationId(),
            repository.getFullName(),
            issue.getNumber(),
            Objects.requireNonNullElse(issue.getTitle(), ""),
            issue.getBody(),
            labelNames(issue.getLabels()),
            author.getLogin(),
            "Bot".equalsIgnoreCase(authorType) || author.getLogin().endsWith("[bot]"),
            issue.isPullRequest(),
            state(issue),
            issue.getHtmlUrl() == null ? null : issue.getHtmlUrl().toString());
    return new InboundPayload.Issue(envelope, snapshot, titleOrBodyChanged);
  }

  private static String state(GHIssue issue) throws MalformedPayloadException {
    try {
      return issue.getState().name().toLowerCase(Locale.ROOT);
    } catch (RuntimeException missingOrUnknown) {
      throw new MalformedPayloadException("issue.state must be open or closed", missingOrUnknown);
    }
  }

  private static InboundPayload installation(GHEventPayload.Installation payload)
      throws MalformedPayloadException {
    GHAppInstallation installation =
        required(payload.getInstallation(), "installation", "installation");
    // getRepositories() would fetch each repository from GitHub; the raw list is what we need.
    List<String> repositories =
        payload.getRawRepositories() == null
            ? List.of()
            : payload.getRawRepositories().stream()
                .map(GHEventPayload.Installation.Repository::getFullName)
                .toList();
    boolean deleted = "deleted".equals(payload.getAction());
    return new InboundPayload.Installation(
        envelope(payload),
        installation.getId(),
        deleted ? List.of() : repositories,
        deleted ? repositories : List.of());
  }

  private static InboundPayload installationRepositories(
      GHEventPayload.InstallationRepositories payload) throws MalformedPayloadException {
    GHAppInstallation installation =
        required(payload.getInstallation(), "installation_repositories", "installation");
    return new InboundPayload.Installation(
        envelope(payload),
        installation.getId(),
        fullNames(payload.getRepositoriesAdded()),
        fullNames(payload.getRepositoriesRemoved()));
  }

  private static InboundPayload.Envelope envelope(GHEventPayload payload) {
    return new InboundPayload.Envelope(
        payload.getAction(),
        payload.getInstallation() == null ? null : payload.getInstallation().getId(),
        payload.getRepository() == null ? null : payload.getRepository().getFullName());
  }

  private static List<String> fullNames(List<GHRepository> repositories) {
    return repositories == null
        ? List.of()
        : repositories.stream().map(GHRepository::getFullName).toList();
  }

  private static List<String> labelNames(Collection<GHLabel> labels) {
    return labels == null ? List.of() : labels.stream().map(GHLabel::getName).toList();
  }

  private static <T> T required(T value, String event, String field)
      throws MalformedPayloadException {
    if (value == null) {
      throw new MalformedPayloadException(
          "a " + event + " payload needs '" + field + "', and this one has none", null);
    }
    return value;
  }

  private static String shortened(String message) {
    if (message == null) {
      return "unreadable";
    }
    String firstLine = message.lines().findFirst().orElse("");
    return firstLine.length() <= MAX_REASON_LENGTH
        ? firstLine
        : firstLine.substring(0, MAX_REASON_LENGTH) + "…";
  }
}
