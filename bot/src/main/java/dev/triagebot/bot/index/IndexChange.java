package dev.triagebot.bot.index;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.triagebot.bot.github.IssueJson;
import dev.triagebot.bot.issue.Accounts;
import dev.triagebot.classifier.similar.DuplicateOfComment;
import dev.triagebot.classifier.similar.IndexedIssue;
import java.io.IOException;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/** What an {@code issues} delivery changes in a repository's similar-issue index. */
public sealed interface IndexChange {
  /** Actions after which the issue's current record replaces the indexed one. */
  Set<String> UPSERT_ACTIONS =
      Set.of("opened", "edited", "closed", "reopened", "labeled", "unlabeled");

  /** Who may name an issue's duplicate target in a comment, besides bots. */
  Set<String> MAINTAINER_ASSOCIATIONS = Set.of("OWNER", "MEMBER", "COLLABORATOR");

  /** Actions after which the issue is no longer in the repository. */
  Set<String> REMOVE_ACTIONS = Set.of("deleted", "transferred");

  /** {@code owner/name} of the repository whose index changes. */
  String repository();

  /** The issue concerned. */
  int number();

  /**
   * The issue's current record replaces the indexed one.
   *
   * @param repository {@code owner/name}
   * @param issue the record
   */
  record Upsert(String repository, IndexedIssue issue) implements IndexChange {
    @Override
    public int number() {
      return issue.number();
    }
  }

  /**
   * The issue left the repository (deleted, or transferred to another one).
   *
   * @param repository {@code owner/name}
   * @param number the issue
   */
  record Remove(String repository, int number) implements IndexChange {}

  /**
   * The change an {@code issues} delivery makes; empty for other events and for actions that change
   * nothing the index holds (assigned, pinned, milestoned…).
   *
   * @throws IllegalArgumentException naming the field when an action that changes the index comes
   *     without what the index needs
   */
  static Optional<IndexChange> of(String event, byte[] body) {
    if (!canComeFrom(event)) {
      return Optional.empty();
    }
    JsonNode payload;
    try {
      payload = Json.MAPPER.readTree(body);
    } catch (IOException e) {
      throw new IllegalArgumentException("payload is not JSON", e);
    }
    return of(event, Fields.of(payload));
  }

  /**
   * The same change, from the fields ingress's scan picked out of the body as it streamed it, so
   * that the body is not parsed a second time before the acknowledgement.
   *
   * @throws IllegalArgumentException as {@link #of(String, byte[])}
   */
  static Optional<IndexChange> of(String event, Fields fields) {
    if (!canComeFrom(event)) {
      return Optional.empty();
    }
    if ("issue_comment".equals(event)) {
      return namedDuplicate(fields);
    }
    String action = fields.action();
    if (action == null || !(UPSERT_ACTIONS.contains(action) || REMOVE_ACTIONS.contains(action))) {
      return Optional.empty();
    }
    String repository = fields.repository();
    if (repository == null || repository.isBlank()) {
      throw new IllegalArgumentException("repository.full_name: missing");
    }
    IssueJson.Read read = IssueJson.read(fields.issue());
    if (read.pullRequest()) {
      return Optional.empty();
    }
    return Optional.of(
        REMOVE_ACTIONS.contains(action)
            ? new Remove(repository, read.issue().number())
            : new Upsert(repository, read.issue()));
  }

  /** Whether deliveries of the event can change the index at all. */
  static boolean canComeFrom(String event) {
    return "issues".equals(event) || "issue_comment".equals(event);
  }

  /**
   * What the index reads of an {@code issues} or {@code issue_comment} delivery; every text is null
   * when absent or JSON null.
   *
   * @param action {@code action}
   * @param repository {@code repository.full_name}
   * @param issue the {@code issue} value as a tree, whatever its JSON type; null when absent
   * @param commentUserType {@code comment.user.type}
   * @param commentUserLogin {@code comment.user.login}
   * @param commentAssociation {@code comment.author_association}
   * @param commentBody {@code comment.body}
   */
  record Fields(
      String action,
      String repository,
      JsonNode issue,
      String commentUserType,
      String commentUserLogin,
      String commentAssociation,
      String commentBody) {

    /**
     * The fields of a whole payload, a value of any type read as its text, as this class always has
     * (the scan refuses such a delivery, or reads null for a comment user's login or type, which no
     * rule tells apart); a root that is no object has none.
     */
    static Fields of(JsonNode payload) {
      JsonNode root = payload == null ? MissingNode.getInstance() : payload;
      JsonNode comment = root.path("comment");
      return new Fields(
          root.path("action").asText(null),
          root.path("repository").path("full_name").asText(null),
          root.get("issue"),
          comment.path("user").path("type").asText(null),
          comment.path("user").path("login").asText(null),
          comment.path("author_association").asText(null),
          comment.path("body").asText(null));
    }
  }

  /** The one JSON reader of this package. */
  final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {}
  }

  /**
   * A new comment by a maintainer or a bot saying "Duplicate of #N" names the issue's target, which
   * webhooks never carry otherwise; the index keeps it until the issue is reopened. Anyone else's
   * comment, or one on a pull request, changes nothing.
   */
  private static Optional<IndexChange> namedDuplicate(Fields fields) {
    if (!"created".equals(fields.action())) {
      return Optional.empty();
    }
    boolean byBot = Accounts.isBot(fields.commentUserType(), fields.commentUserLogin());
    String association = Objects.requireNonNullElse(fields.commentAssociation(), "");
    if (!byBot && !MAINTAINER_ASSOCIATIONS.contains(association)) {
      return Optional.empty();
    }
    String repository = fields.repository();
    if (repository == null
        || repository.isBlank()
        || fields.issue() == null
        || fields.issue().isNull()) {
      return Optional.empty();
    }
    IssueJson.Read read = IssueJson.read(fields.issue());
    OptionalInt target =
        DuplicateOfComment.target(Objects.requireNonNullElse(fields.commentBody(), ""), repository);
    if (read.pullRequest() || target.isEmpty() || target.getAsInt() == read.issue().number()) {
      return Optional.empty();
    }
    IndexedIssue issue = read.issue();
    return Optional.of(
        new Upsert(
            repository, issue.withState(issue.state(), issue.stateReason(), target.getAsInt())));
  }
}
