package dev.triagebot.bot.github;

import com.fasterxml.jackson.databind.JsonNode;
import dev.triagebot.classifier.similar.IndexedIssue;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads GitHub's issue object, which webhooks and the REST API share, into the index's {@link
 * IndexedIssue}. github-api's {@code GHIssue} is not used here: it reads the {@code duplicate}
 * state reason as "unknown" and has no {@code author_association}, the two facts that learning
 * duplicates rests on.
 */
public final class IssueJson {
  private static final Pattern AUTHOR_ASSOCIATION = Pattern.compile("[A-Z_]{1,40}");

  private IssueJson() {}

  /**
   * An issue from GitHub and whether it is really a pull request.
   *
   * @param issue the index's record of it
   * @param pullRequest whether GitHub lists it as a pull request, which is never indexed
   */
  public record Read(IndexedIssue issue, boolean pullRequest) {}

  /**
   * Maps one issue object.
   *
   * @throws IllegalArgumentException naming the field when the object lacks a number or state, or
   *     holds a value that cannot be read
   */
  public static Read read(JsonNode issue) {
    if (issue == null || !issue.isObject()) {
      throw new IllegalArgumentException("issue: expected an object");
    }
    JsonNode number = issue.get("number");
    if (number == null || !number.isIntegralNumber() || number.intValue() <= 0) {
      throw new IllegalArgumentException("issue.number: must be a positive number");
    }
    IndexedIssue.State state;
    IndexedIssue.StateReason reason;
    try {
      state = IndexedIssue.State.fromGitHub(text(issue, "state"));
      reason = IndexedIssue.StateReason.fromGitHub(text(issue, "state_reason"));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalArgumentException("issue.state: " + e.getMessage(), e);
    }
    List<String> labels = new ArrayList<>();
    JsonNode labelNodes = issue.get("labels");
    if (labelNodes != null && labelNodes.isArray()) {
      for (JsonNode label : labelNodes) {
        // The REST API may give labels as names or as objects.
        String name = label.isTextual() ? label.textValue() : text(label, "name");
        if (name != null) {
          labels.add(name);
        }
      }
    }
    JsonNode pullRequest = issue.get("pull_request");
    return new Read(
        new IndexedIssue(
            number.intValue(),
            text(issue, "title"),
            text(issue, "body"),
            state,
            reason,
            labels,
            authorAssociation(issue),
            instant(issue, "created_at"),
            instant(issue, "updated_at"),
            null),
        pullRequest != null && !pullRequest.isNull());
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  /**
   * GitHub's {@code OWNER}, {@code MEMBER}, {@code NONE} and the like. Anything else is refused
   * here, where the issue is read, not by the store's column (40 characters) inside the transaction
   * that keeps the delivery: a signed delivery with a long one was answered 503 on every redelivery
   * (found by {@code SignedHostilePayloadsTest}).
   */
  private static String authorAssociation(JsonNode issue) {
    String value = text(issue, "author_association");
    if (value != null && !AUTHOR_ASSOCIATION.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "issue.author_association: not one of GitHub's values (capitals and underscores, at most"
              + " 40)");
    }
    return value;
  }

  private static Instant instant(JsonNode node, String field) {
    String value = text(node, field);
    try {
      return value == null ? null : Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("issue." + field + ": not a time: " + value, e);
    }
  }
}
