package dev.triagebot.bot.webhook;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.triagebot.bot.index.IndexChange;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The one pass ingress makes over a body before answering: a streaming parse (no mapping) that
 * checks the body is one JSON object with nothing after it and picks out only what routing and
 * idempotency need. Everything else in the payload is checked by the worker that reads it.
 *
 * <p>For the events that can change the similar-issue index, the {@code issue} value is read as a
 * tree on the way, since the index change made before the answer needs it whole; it is the only
 * tree built, and the body is never parsed again before the answer.
 */
final class DeliveryScan {
  private static final JsonFactory JSON = new JsonFactory();

  /** Builds the issue's tree as {@link IndexChange#of(String, byte[])} would: same node types. */
  private static final ObjectMapper TREES = new ObjectMapper();

  /** The scalar fields routing reads, by their dotted path from the root. */
  private static final Set<String> WANTED =
      Set.of(
          "action",
          "ref",
          "installation.id",
          "repository.default_branch",
          "repository.full_name",
          "issue.number",
          "changes.title",
          "changes.body",
          "sender.login",
          "sender.type",
          "comment.user.login",
          "comment.user.type",
          "comment.author_association",
          "comment.body");

  /**
   * The objects on the way to a wanted field: any other object or array is skipped whole, without
   * building a path for each of its values (a repository object alone has eighty).
   */
  private static final Set<String> ON_THE_WAY =
      WANTED.stream()
          .flatMap(
              path ->
                  IntStream.range(0, path.length())
                      .filter(i -> path.charAt(i) == '.')
                      .mapToObj(i -> path.substring(0, i)))
          .collect(Collectors.toUnmodifiableSet());

  /** The deepest wanted path has three parts; deeper values are skipped without building paths. */
  private static final int WANTED_DEPTH = 3;

  private DeliveryScan() {}

  /**
   * The facts of a signed body.
   *
   * @throws MalformedPayloadException when it is not one JSON object, or a field routing reads has
   *     the wrong JSON type
   */
  static DeliveryFacts scan(String event, byte[] body) throws MalformedPayloadException {
    Map<String, Object> found = new HashMap<>();
    Collected collected =
        OneJsonDocument.read(JSON, event, body, parser -> collect(event, parser, found));
    boolean push = HandledEvents.PUSH.equals(event);
    return new DeliveryFacts(
        text(found, "action"),
        positive(found, "installation.id", Long.MAX_VALUE),
        text(found, "repository.full_name"),
        positive(found, "issue.number", Integer.MAX_VALUE),
        collected.pullRequest(),
        collected.issue(),
        found.containsKey("changes.title") || found.containsKey("changes.body"),
        user(found, "sender"),
        user(found, "comment.user"),
        text(found, "comment.author_association"),
        text(found, "comment.body"),
        // Only a push's are routing fields; other events may use the names otherwise.
        push ? text(found, "ref") : null,
        push ? text(found, "repository.default_branch") : null);
  }

  /**
   * What {@link #collect} finds besides the wanted scalars.
   *
   * @param pullRequest whether the issue is a pull request
   * @param issue the {@code issue} value as a tree; null when absent, or when the event cannot
   *     change the index
   */
  private record Collected(boolean pullRequest, JsonNode issue) {}

  /**
   * Puts the wanted fields' values into {@code found}, leaving the parser after the root object.
   */
  private static Collected collect(String event, JsonParser parser, Map<String, Object> found)
      throws IOException, MalformedPayloadException {
    boolean issueTree = IndexChange.canComeFrom(event);
    boolean pullRequest = false;
    JsonNode issue = null;
    JsonToken first = parser.nextToken();
    if (first == null || first == JsonToken.VALUE_NULL) {
      throw new MalformedPayloadException(
          "payload is empty or JSON null, not " + GitHubPayloads.anEvent(event), null);
    }
    if (first != JsonToken.START_OBJECT) {
      throw new MalformedPayloadException(
          "payload must be a JSON object, not "
              + kind(first)
              + ", for "
              + GitHubPayloads.anEvent(event),
          null);
    }
    JsonToken token;
    while ((token = parser.nextToken()) != null) {
      if (token == JsonToken.END_OBJECT && parser.getParsingContext().inRoot()) {
        break;
      }
      if (token == JsonToken.FIELD_NAME
          || token == JsonToken.END_OBJECT
          || token == JsonToken.END_ARRAY) {
        continue;
      }
      JsonStreamContext context = parser.getParsingContext();
      int depth = context.getNestingDepth() - (token.isStructStart() ? 1 : 0);
      if (depth > WANTED_DEPTH) {
        continue;
      }
      String path = path(token.isStructStart() ? context.getParent() : context);
      if (path == null) {
        continue;
      }
      if (issueTree && path.equals("issue")) {
        // Whatever its type, as a whole-body tree would hold it: the index refuses a non-object.
        issue = TREES.readTree(parser);
        if (issue.isObject()) {
          issueNumber(issue, found);
          JsonNode marker = issue.get("pull_request");
          if (marker != null) {
            pullRequest = !marker.isNull();
          }
        }
      } else if (path.equals("issue.pull_request")) {
        pullRequest = token != JsonToken.VALUE_NULL;
        parser.skipChildren();
      } else if (WANTED.contains(path)) {
        found.put(path, value(parser, token));
      } else if (token.isStructStart() && !ON_THE_WAY.contains(path)) {
        parser.skipChildren(); // still read to its end, so malformed JSON in it is refused
      }
    }
    if (token == null) {
      throw OneJsonDocument.malformed(event, "not valid JSON");
    }
    return new Collected(pullRequest, issue);
  }

  /**
   * Puts {@code issue.number} into {@code found} as the streaming read would have: a later issue
   * object overrides it only where it has the field.
   */
  private static void issueNumber(JsonNode issue, Map<String, Object> found) {
    JsonNode number = issue.get("number");
    if (number == null) {
      return;
    }
    Object value;
    if (number.isNull()) {
      value = null;
    } else if (number.isTextual()) {
      value = number.textValue();
    } else if (number.isIntegralNumber() && number.canConvertToLong()) {
      value = number.longValue();
    } else {
      value = OtherType.INSTANCE;
    }
    found.put("issue.number", value);
  }

  /** The dotted path of the value the context is at; null inside an array. */
  private static String path(JsonStreamContext context) {
    StringBuilder path = new StringBuilder();
    for (JsonStreamContext at = context; at != null && !at.inRoot(); at = at.getParent()) {
      if (!at.inObject() || at.getCurrentName() == null) {
        return null;
      }
      path.insert(0, path.isEmpty() ? at.getCurrentName() : at.getCurrentName() + ".");
    }
    return path.toString();
  }

  /** A scalar as Java reads it: String, Long, a marker for other types, or null. */
  private static Object value(JsonParser parser, JsonToken token) throws IOException {
    return switch (token) {
      case VALUE_STRING -> parser.getText();
      case VALUE_NUMBER_INT ->
          parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
              ? OtherType.INSTANCE
              : (Object) parser.getLongValue();
      case VALUE_NULL -> null;
      default -> {
        if (token.isStructStart()) {
          parser.skipChildren();
        }
        yield OtherType.INSTANCE;
      }
    };
  }

  /** Marks a value of a JSON type routing does not expect there. */
  private enum OtherType {
    INSTANCE
  }

  private static String text(Map<String, Object> found, String path)
      throws MalformedPayloadException {
    Object value = found.get(path);
    if (value == null || value instanceof String) {
      return (String) value;
    }
    throw PayloadChecks.wrong(path, PayloadChecks.WRONG_TYPE);
  }

  private static Long positive(Map<String, Object> found, String path, long max)
      throws MalformedPayloadException {
    if (!found.containsKey(path) || found.get(path) == null) {
      return null;
    }
    if (found.get(path) instanceof Long number && number > 0 && number <= max) {
      return number;
    }
    throw PayloadChecks.wrong(path, "must be a positive whole number");
  }

  /** Login and type of a user; a missing or odd one is the worker's to refuse. */
  private static DeliveryFacts.User user(Map<String, Object> found, String prefix) {
    Object login = found.get(prefix + ".login");
    Object type = found.get(prefix + ".type");
    return new DeliveryFacts.User(
        login instanceof String text ? text : null, type instanceof String text ? text : null);
  }

  private static String kind(JsonToken token) {
    return switch (token) {
      case START_ARRAY -> "an array";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      default -> "another kind of value";
    };
  }
}
