package dev.triagebot.bot.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.triagebot.bot.issue.Accounts;
import dev.triagebot.bot.issue.IssueSnapshot;
import dev.triagebot.bot.queue.IssueEventDecoder;
import dev.triagebot.bot.queue.ReviewEventDecoder;
import dev.triagebot.bot.queue.StoredDelivery;
import dev.triagebot.bot.review.ReviewEvent;
import dev.triagebot.bot.triage.IssueEvent;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.kohsuke.github.GHAppInstallation;
import org.kohsuke.github.GHEventPayload;
import org.kohsuke.github.GHIssue;
import org.kohsuke.github.GHIssueChanges;
import org.kohsuke.github.GHIssueComment;
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
public class GitHubPayloads implements IssueEventDecoder, ReviewEventDecoder {
  private final GitHub offline = GitHub.offline();

  /**
   * Reads a body as the payload of the named event and maps what the bot acts on. Deliveries it
   * does not act on are only checked to be JSON of the event's shape.
   *
   * @throws MalformedPayloadException when it is not JSON, or not shaped like that event, or lacks
   *     what the bot needs to act on it
   */
  public InboundPayload read(String event, byte[] body) throws MalformedPayloadException {
    JsonNode root = PayloadChecks.parse(event, body);
    PayloadChecks.check(event, root);
    try {
      return map(event, body, root);
    } catch (RuntimeException unforeseen) {
      // The checks should leave nothing for the mapping to trip on; if they did, the sender still
      // gets a 400 and no internal detail.
      throw new MalformedPayloadException(
          "payload is not a readable " + event + " event", unforeseen);
    }
  }

  private InboundPayload map(String event, byte[] body, JsonNode root)
      throws MalformedPayloadException {
    // github-api does not map an issue's author_association; the checked tree has it.
    String association = root.path("issue").path("author_association").textValue();
    return switch (event) {
      case HandledEvents.ISSUES ->
          issue(parse(body, GHEventPayload.Issue.class, event), association);
      case HandledEvents.ISSUE_COMMENT ->
          issueComment(parse(body, GHEventPayload.IssueComment.class, event), association);
      case HandledEvents.INSTALLATION ->
          installation(parse(body, GHEventPayload.Installation.class, event));
      case HandledEvents.INSTALLATION_REPOSITORIES ->
          installationRepositories(
              parse(body, GHEventPayload.InstallationRepositories.class, event));
      // Ping's type holds just the properties every payload shares.
      case HandledEvents.PING ->
          new InboundPayload.Ping(envelope(parse(body, GHEventPayload.Ping.class, event)));
      default -> notHandled(event, envelope(parse(body, GHEventPayload.Ping.class, event)));
    };
  }

  /** Rebuilds the issue event of a stored {@code issues} delivery, for the queue's workers. */
  @Override
  public IssueEvent decode(StoredDelivery delivery) {
    InboundPayload.Issue issue = stored(delivery, InboundPayload.Issue.class, "an issue to triage");
    return new IssueEvent(delivery.id(), issue.envelope().action(), issue.issue());
  }

  /** Rebuilds the review event of a stored comment or label delivery, for the queue's workers. */
  @Override
  public ReviewEvent decodeReview(StoredDelivery delivery) {
    InboundPayload.Review review =
        stored(delivery, InboundPayload.Review.class, "a comment or label change to review");
    return review.event().withDeliveryId(delivery.id());
  }

  /** Reads a stored delivery as the payload a worker expects, or says why it cannot. */
  private <T extends InboundPayload> T stored(StoredDelivery delivery, Class<T> type, String what) {
    InboundPayload payload;
    try {
      payload = read(delivery.event(), delivery.payload());
    } catch (MalformedPayloadException e) {
      throw new IllegalArgumentException(
          "stored delivery " + delivery.id() + ": " + e.getMessage(), e);
    }
    if (!type.isInstance(payload)) {
      throw new IllegalArgumentException(
          "stored delivery "
              + delivery.id()
              + " ("
              + HandledEvents.describe(delivery.event(), delivery.action())
              + ") is not "
              + what);
    }
    return type.cast(payload);
  }

  /** "an issues event", "a ping event". */
  static String anEvent(String event) {
    boolean vowel =
        !event.isEmpty() && "aeiou".indexOf(Character.toLowerCase(event.charAt(0))) >= 0;
    return (vowel ? "an " : "a ") + event + " event";
  }

  private <T extends GHEventPayload> T parse(byte[] body, Class<T> type, String event)
      throws MalformedPayloadException {
    try (Reader reader =
        new InputStreamReader(new ByteArrayInputStream(body), StandardCharsets.UTF_8)) {
      T payload = offline.parseEventPayload(reader, type);
      if (payload == null) {
        throw new MalformedPayloadException("payload is JSON null, not " + anEvent(event), null);
      }
      return payload;
    } catch (JsonMappingException e) {
      // Name the field, never the library's message: it names Java types and internals.
      throw PayloadChecks.wrong(fieldPath(e), PayloadChecks.WRONG_TYPE);
    } catch (JsonProcessingException e) {
      throw new MalformedPayloadException("malformed JSON for " + anEvent(event), e);
    } catch (IOException | RuntimeException e) {
      throw new MalformedPayloadException("payload is not a readable " + event + " event", e);
    }
  }

  private static InboundPayload issue(GHEventPayload.Issue payload, String association)
      throws MalformedPayloadException {
    InboundPayload.Envelope envelope = envelope(payload);
    if (HandledEvents.labelChange(envelope.action())) {
      return labelChange(payload, envelope, association);
    }
    GHIssueChanges changes = payload.getChanges();
    boolean titleOrBodyChanged =
        changes != null && (changes.getTitle() != null || changes.getBody() != null);
    Optional<String> ignored = HandledEvents.whyIgnored(envelope.action(), titleOrBodyChanged);
    if (ignored.isPresent()) {
      // Real payloads of other actions may lack fields (pinned has no state): do not map them.
      return new InboundPayload.Ignored(envelope, ignored.get());
    }
    GHIssue issue = required(payload.getIssue(), "issues", "issue");
    GHRepository repository = required(payload.getRepository(), "issues", "repository");
    return new InboundPayload.Issue(
        envelope, snapshot(envelope, issue, repository, "issues", association));
  }

  private static InboundPayload labelChange(
      GHEventPayload.Issue payload, InboundPayload.Envelope envelope, String association)
      throws MalformedPayloadException {
    GHIssue issue = required(payload.getIssue(), "issues", "issue");
    GHRepository repository = required(payload.getRepository(), "issues", "repository");
    GHLabel label = required(payload.getLabel(), "issues", "label");
    GHUser sender = required(payload.getSender(), "issues", "sender");
    if (isBot(sender)) {
      // The bot's own labelling comes back as these events; it is not feedback.
      return new InboundPayload.Ignored(
          envelope,
          HandledEvents.byABot(HandledEvents.ISSUES, envelope.action(), sender.getLogin()));
    }
    IssueSnapshot snapshot = snapshot(envelope, issue, repository, "issues", association);
    return new InboundPayload.Review(
        envelope,
        new ReviewEvent.LabelChange(
            "", envelope.action().equals("labeled"), snapshot, label.getName(), sender.getLogin()));
  }

  private static InboundPayload issueComment(
      GHEventPayload.IssueComment payload, String association) throws MalformedPayloadException {
    InboundPayload.Envelope envelope = envelope(payload);
    Optional<String> ignored = HandledEvents.whyCommentIgnored(envelope.action());
    if (ignored.isPresent()) {
      return new InboundPayload.Ignored(envelope, ignored.get());
    }
    GHIssueComment comment = required(payload.getComment(), "issue_comment", "comment");
    GHIssue issue = required(payload.getIssue(), "issue_comment", "issue");
    GHRepository repository = required(payload.getRepository(), "issue_comment", "repository");
    GHUser author;
    try {
      author = required(comment.getUser(), "issue_comment", "comment.user");
    } catch (IOException offlineNeverFetches) {
      throw new MalformedPayloadException("comment.user cannot be read", offlineNeverFetches);
    }
    if (isBot(author)) {
      // Never react to our own comments (nor other bots'): no loops.
      return new InboundPayload.Ignored(
          envelope,
          HandledEvents.byABot(HandledEvents.ISSUE_COMMENT, envelope.action(), author.getLogin()));
    }
    if (issue.isPullRequest()) {
      return new InboundPayload.Ignored(envelope, "a comment on a pull request is not reviewed");
    }
    IssueSnapshot snapshot = snapshot(envelope, issue, repository, "issue_comment", association);
    return new InboundPayload.Review(
        envelope,
        new ReviewEvent.Comment(
            "",
            envelope.action().equals("edited"),
            snapshot,
            comment.getId(),
            comment.getBody(),
            author.getLogin()));
  }

  private static boolean isBot(GHUser user) throws MalformedPayloadException {
    try {
      return Accounts.isBot(user.getType(), user.getLogin());
    } catch (IOException offlineNeverFetches) {
      throw new MalformedPayloadException("a user's type cannot be read", offlineNeverFetches);
    }
  }

  private static IssueSnapshot snapshot(
      InboundPayload.Envelope envelope,
      GHIssue issue,
      GHRepository repository,
      String event,
      String association)
      throws MalformedPayloadException {
    GHUser author;
    String authorType;
    try {
      author = required(issue.getUser(), event, "issue.user");
      authorType = author.getType();
    } catch (IOException offlineNeverFetches) {
      throw new MalformedPayloadException("issue.user cannot be read", offlineNeverFetches);
    }
    if (issue.getNumber() <= 0) {
      throw new MalformedPayloadException("issue.number must be a positive number", null);
    }
    return new IssueSnapshot(
        envelope.installationId() == null ? 0 : envelope.installationId(),
        repository.getFullName(),
        issue.getNumber(),
        Objects.requireNonNullElse(issue.getTitle(), ""),
        issue.getBody(),
        labelNames(issue.getLabels()),
        author.getLogin(),
        Accounts.isBot(authorType, author.getLogin()),
        issue.isPullRequest(),
        state(issue),
        issue.getHtmlUrl() == null ? null : issue.getHtmlUrl().toString(),
        updatedAt(issue),
        association);
  }

  /** {@code issue.updated_at}; null when absent, so that the snapshot is never taken for stale. */
  private static Instant updatedAt(GHIssue issue) {
    try {
      Date updated = issue.getUpdatedAt();
      return updated == null ? null : updated.toInstant();
    } catch (IOException | RuntimeException unreadable) {
      return null;
    }
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
    InboundPayload.Envelope envelope = envelope(payload);
    if (HandledEvents.suspensionChange(HandledEvents.INSTALLATION, envelope.action())
        && envelope.installationId() != null) {
      // suspend and unsuspend carry no repositories, and github-api fails reading them: the
      // installation's coverage stays as it is; the queue holds or releases its jobs.
      return new InboundPayload.Installation(
          envelope, envelope.installationId(), false, List.of(), List.of());
    }
    if (!HandledEvents.installationChange(HandledEvents.INSTALLATION, envelope.action())) {
      return notHandled(HandledEvents.INSTALLATION, envelope);
    }
    GHAppInstallation installation =
        required(payload.getInstallation(), "installation", "installation");
    List<String> repositories = rawRepositoryNames(payload);
    boolean deleted = envelope.action().equals("deleted");
    return new InboundPayload.Installation(
        envelope,
        installation.getId(),
        deleted,
        deleted ? List.of() : repositories,
        deleted ? repositories : List.of());
  }

  /** The repositories an installation event lists; none when the payload has no list. */
  private static List<String> rawRepositoryNames(GHEventPayload.Installation payload) {
    // getRepositories() would fetch each repository from GitHub; the raw list is what we need.
    List<GHEventPayload.Installation.Repository> raw;
    try {
      raw = payload.getRawRepositories();
    } catch (NullPointerException noList) {
      // github-api wraps the list without a null check when the payload has none.
      return List.of();
    }
    return raw.stream().map(GHEventPayload.Installation.Repository::getFullName).toList();
  }

  private static InboundPayload installationRepositories(
      GHEventPayload.InstallationRepositories payload) throws MalformedPayloadException {
    InboundPayload.Envelope envelope = envelope(payload);
    if (!HandledEvents.installationChange(
        HandledEvents.INSTALLATION_REPOSITORIES, envelope.action())) {
      return notHandled(HandledEvents.INSTALLATION_REPOSITORIES, envelope);
    }
    GHAppInstallation installation =
        required(payload.getInstallation(), "installation_repositories", "installation");
    return new InboundPayload.Installation(
        envelope,
        installation.getId(),
        false,
        fullNames(payload.getRepositoriesAdded()),
        fullNames(payload.getRepositoriesRemoved()));
  }

  private static InboundPayload.Ignored notHandled(String event, InboundPayload.Envelope envelope) {
    return new InboundPayload.Ignored(envelope, HandledEvents.notHandled(event, envelope.action()));
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

  private static String fieldPath(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference reference : e.getPath()) {
      if (reference.getFieldName() != null) {
        path.append(path.isEmpty() ? "" : ".").append(reference.getFieldName());
      } else if (reference.getIndex() >= 0) {
        path.append('[').append(reference.getIndex()).append(']');
      }
    }
    return path.isEmpty() ? "payload" : path.toString();
  }
}
