package dev.triagebot.bot.index;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.triagebot.bot.github.IssueJson;
import dev.triagebot.bot.issue.Accounts;
import dev.triagebot.classifier.similar.DuplicateOfComment;
import dev.triagebot.classifier.similar.IndexedIssue;
import java.io.IOException;
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
    if (!"issues".equals(event) && !"issue_comment".equals(event)) {
      return Optional.empty();
    }
    JsonNode payload;
    try {
      payload = Json.MAPPER.readTree(body);
    } catch (IOException e) {
      throw new IllegalArgumentException("payload is not JSON", e);
    }
    if ("issue_comment".equals(event)) {
      return namedDuplicate(payload);
    }
    String action = payload == null ? null : payload.path("action").asText(null);
    if (action == null || !(UPSERT_ACTIONS.contains(action) || REMOVE_ACTIONS.contains(action))) {
      return Optional.empty();
    }
    String repository = payload.path("repository").path("full_name").asText(null);
    if (repository == null || repository.isBlank()) {
      throw new IllegalArgumentException("repository.full_name: missing");
    }
    IssueJson.Read read = IssueJson.read(payload.get("issue"));
    if (read.pullRequest()) {
      return Optional.empty();
    }
    return Optional.of(
        REMOVE_ACTIONS.contains(action)
            ? new Remove(repository, read.issue().number())
            : new Upsert(repository, read.issue()));
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
  private static Optional<IndexChange> namedDuplicate(JsonNode payload) {
    if (payload == null || !"created".equals(payload.path("action").asText(null))) {
      return Optional.empty();
    }
    JsonNode comment = payload.path("comment");
    JsonNode user = comment.path("user");
    boolean byBot = Accounts.isBot(user.path("type").asText(null), user.path("login").asText(null));
    String association = comment.path("author_association").asText("");
    if (!byBot && !MAINTAINER_ASSOCIATIONS.contains(association)) {
      return Optional.empty();
    }
    String repository = payload.path("repository").path("full_name").asText(null);
    if (repository == null || repository.isBlank() || !payload.hasNonNull("issue")) {
      return Optional.empty();
    }
    IssueJson.Read read = IssueJson.read(payload.get("issue"));
    OptionalInt target = DuplicateOfComment.target(comment.path("body").asText(""), repository);
    if (read.pullRequest() || target.isEmpty() || target.getAsInt() == read.issue().number()) {
      return Optional.empty();
    }
    IndexedIssue issue = read.issue();
    return Optional.of(
        new Upsert(
            repository, issue.withState(issue.state(), issue.stateReason(), target.getAsInt())));
  }
}
