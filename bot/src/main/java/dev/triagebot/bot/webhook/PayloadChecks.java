package dev.triagebot.bot.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.triagebot.bot.triage.RepositoryName;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Set;

/**
 * Checks a signed body before anything maps or stores it: one JSON object and nothing after it, and
 * in the deliveries the bot acts on, every field it relies on present and of the type it relies on.
 * The first field that is not is named in the refusal, as {@code issue.user.login: missing}.
 */
final class PayloadChecks {
  /** What the refusal says of a value whose JSON type is not the one GitHub sends. */
  static final String WRONG_TYPE = "wrong type";

  private static final Set<String> ISSUE_STATES = Set.of("open", "closed");

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private PayloadChecks() {}

  /**
   * The body as one JSON object.
   *
   * @throws MalformedPayloadException when it is not JSON, has anything after the JSON, or is not
   *     an object
   */
  static JsonNode parse(String event, byte[] body) throws MalformedPayloadException {
    JsonNode root = OneJsonDocument.read(MAPPER.getFactory(), event, body, MAPPER::readTree);
    if (root == null || root.isMissingNode() || root.isNull()) {
      throw new MalformedPayloadException(
          "payload is empty or JSON null, not " + GitHubPayloads.anEvent(event), null);
    }
    if (!root.isObject()) {
      throw new MalformedPayloadException(
          "payload must be a JSON object, not "
              + kind(root)
              + ", for "
              + GitHubPayloads.anEvent(event),
          null);
    }
    return root;
  }

  /**
   * Checks the fields the bot relies on in a payload of this event and action.
   *
   * @throws MalformedPayloadException naming the first field that is missing or wrong
   */
  static void check(String event, JsonNode root) throws MalformedPayloadException {
    JsonNode action = root.get("action");
    if (action != null && !action.isNull() && !action.isTextual()) {
      throw wrong("action", WRONG_TYPE);
    }
    if (!HandledEvents.handles(event)) {
      return;
    }
    optionalObject(root, "repository", "repository", PayloadChecks::repository);
    optionalObject(root, "installation", "installation", PayloadChecks::installation);
    optionalObject(root, "sender", "sender", PayloadChecks::user);
    String verb = action == null ? null : action.textValue();
    switch (event) {
      case HandledEvents.ISSUES -> {
        if (HandledEvents.issueActionKept(verb)) {
          requiredObject(root, "repository", "repository");
          issue(requiredObject(root, "issue", "issue"), "issue");
        }
        if (HandledEvents.labelChange(verb)) {
          label(requiredObject(root, "label", "label"), "label");
          requiredObject(root, "sender", "sender");
        }
        optionalObject(root, "changes", "changes", (node, path) -> {});
      }
      case HandledEvents.ISSUE_COMMENT -> {
        if (HandledEvents.whyCommentIgnored(verb).isEmpty()) {
          requiredObject(root, "repository", "repository");
          issue(requiredObject(root, "issue", "issue"), "issue");
          comment(requiredObject(root, "comment", "comment"), "comment");
        }
      }
      case HandledEvents.INSTALLATION -> {
        if (HandledEvents.installationChange(event, verb)) {
          requiredObject(root, "installation", "installation");
          repositories(root, "repositories");
        }
      }
      case HandledEvents.INSTALLATION_REPOSITORIES -> {
        if (HandledEvents.installationChange(event, verb)) {
          requiredObject(root, "installation", "installation");
          repositories(root, "repositories_added");
          repositories(root, "repositories_removed");
        }
      }
      default -> {
        // ping: any object will do.
      }
    }
  }

  /** A refusal naming the field: {@code path: problem}. */
  static MalformedPayloadException wrong(String path, String problem) {
    return new MalformedPayloadException(path + ": " + problem, null);
  }

  private interface FieldCheck {
    void check(JsonNode node, String path) throws MalformedPayloadException;
  }

  private static void issue(JsonNode issue, String path) throws MalformedPayloadException {
    positiveInt(issue, "number", path);
    user(requiredObject(issue, "user", path + ".user"), path + ".user");
    optionalText(issue, "title", path);
    optionalText(issue, "body", path);
    String state = requiredText(issue, "state", path);
    if (!ISSUE_STATES.contains(state)) {
      throw wrong(path + ".state", "must be open or closed");
    }
    optionalText(issue, "state_reason", path);
    optionalText(issue, "author_association", path);
    httpUrl(issue, "html_url", path);
    time(issue, "created_at", path);
    time(issue, "updated_at", path);
    time(issue, "closed_at", path);
    optionalObject(issue, "pull_request", path + ".pull_request", (node, p) -> {});
    JsonNode labels = issue.get("labels");
    if (labels != null && !labels.isNull()) {
      if (!labels.isArray()) {
        throw wrong(path + ".labels", WRONG_TYPE);
      }
      for (int i = 0; i < labels.size(); i++) {
        JsonNode label = labels.get(i);
        String at = path + ".labels[" + i + "]";
        if (!label.isObject()) {
          throw wrong(at, WRONG_TYPE);
        }
        label(label, at);
      }
    }
  }

  private static void comment(JsonNode comment, String path) throws MalformedPayloadException {
    positiveLong(comment, "id", path);
    user(requiredObject(comment, "user", path + ".user"), path + ".user");
    optionalText(comment, "body", path);
    optionalText(comment, "author_association", path);
    httpUrl(comment, "html_url", path);
    time(comment, "created_at", path);
    time(comment, "updated_at", path);
  }

  private static void user(JsonNode user, String path) throws MalformedPayloadException {
    String login = requiredText(user, "login", path);
    if (login.isBlank()) {
      throw wrong(path + ".login", "missing");
    }
    optionalText(user, "type", path);
  }

  private static void label(JsonNode label, String path) throws MalformedPayloadException {
    requiredText(label, "name", path);
    optionalText(label, "color", path);
  }

  private static void repository(JsonNode repository, String path)
      throws MalformedPayloadException {
    String fullName = requiredText(repository, "full_name", path);
    var problem = RepositoryName.problem(fullName);
    if (problem.isPresent()) {
      throw wrong(path + ".full_name", problem.get());
    }
  }

  private static void installation(JsonNode installation, String path)
      throws MalformedPayloadException {
    positiveLong(installation, "id", path);
  }

  private static void repositories(JsonNode root, String field) throws MalformedPayloadException {
    JsonNode list = root.get(field);
    if (list == null || list.isNull()) {
      return;
    }
    if (!list.isArray()) {
      throw wrong(field, WRONG_TYPE);
    }
    for (int i = 0; i < list.size(); i++) {
      JsonNode repository = list.get(i);
      String at = field + "[" + i + "]";
      if (!repository.isObject()) {
        throw wrong(at, WRONG_TYPE);
      }
      repository(repository, at);
    }
  }

  private static JsonNode requiredObject(JsonNode parent, String field, String path)
      throws MalformedPayloadException {
    JsonNode value = parent.get(field);
    if (value == null || value.isNull()) {
      throw wrong(path, "missing");
    }
    if (!value.isObject()) {
      throw wrong(path, WRONG_TYPE);
    }
    return value;
  }

  private static void optionalObject(JsonNode parent, String field, String path, FieldCheck check)
      throws MalformedPayloadException {
    JsonNode value = parent.get(field);
    if (value == null || value.isNull()) {
      return;
    }
    if (!value.isObject()) {
      throw wrong(path, WRONG_TYPE);
    }
    check.check(value, path);
  }

  private static String requiredText(JsonNode parent, String field, String path)
      throws MalformedPayloadException {
    JsonNode value = parent.get(field);
    if (value == null || value.isNull()) {
      throw wrong(path + "." + field, "missing");
    }
    if (!value.isTextual()) {
      throw wrong(path + "." + field, WRONG_TYPE);
    }
    return value.textValue();
  }

  private static String optionalText(JsonNode parent, String field, String path)
      throws MalformedPayloadException {
    JsonNode value = parent.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw wrong(path + "." + field, WRONG_TYPE);
    }
    return value.textValue();
  }

  private static void positiveInt(JsonNode parent, String field, String path)
      throws MalformedPayloadException {
    positive(parent, field, path, true);
  }

  private static void positiveLong(JsonNode parent, String field, String path)
      throws MalformedPayloadException {
    positive(parent, field, path, false);
  }

  private static void positive(JsonNode parent, String field, String path, boolean fitsAnInt)
      throws MalformedPayloadException {
    JsonNode value = parent.get(field);
    if (value == null || value.isNull()) {
      throw wrong(path + "." + field, "missing");
    }
    boolean fits = fitsAnInt ? value.canConvertToInt() : value.canConvertToLong();
    if (!value.isIntegralNumber() || !fits || value.longValue() <= 0) {
      throw wrong(path + "." + field, "must be a positive whole number");
    }
  }

  private static void httpUrl(JsonNode parent, String field, String path)
      throws MalformedPayloadException {
    String url = optionalText(parent, field, path);
    if (url == null) {
      return;
    }
    try {
      URI uri = new URI(url);
      if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))
          || uri.getHost() == null) {
        throw wrong(path + "." + field, "must be an http(s) URL");
      }
      uri.toURL();
    } catch (URISyntaxException | IllegalArgumentException | IOException notAUrl) {
      throw wrong(path + "." + field, "must be an http(s) URL");
    }
  }

  private static void time(JsonNode parent, String field, String path)
      throws MalformedPayloadException {
    String time = optionalText(parent, field, path);
    if (time == null) {
      return;
    }
    try {
      Instant.parse(time);
    } catch (DateTimeParseException notATime) {
      throw wrong(path + "." + field, "must be an ISO 8601 time");
    }
  }

  private static String kind(JsonNode node) {
    return switch (node.getNodeType()) {
      case ARRAY -> "an array";
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      default -> "another kind of value";
    };
  }
}
