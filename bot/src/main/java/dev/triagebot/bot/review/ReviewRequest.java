package dev.triagebot.bot.review;

import dev.triagebot.bot.issue.IssueRef;
import java.util.Objects;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a person asked of a suggestion on the review page, queued as a job about its issue so that
 * it runs like every other action on the issue: one at a time, retried after a failure.
 *
 * @param suggestionId the suggestion
 * @param issue the issue it is about, which the job is queued under
 * @param verb what was asked
 * @param by who asked, as the decision records it
 * @param reason why, for a rejection; empty when not said
 */
public record ReviewRequest(
    long suggestionId, IssueRef issue, Verb verb, String by, String reason) {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** What the page's buttons ask. */
  public enum Verb {
    ACCEPT,
    REJECT
  }

  public ReviewRequest {
    Objects.requireNonNull(issue, "issue");
    Objects.requireNonNull(verb, "verb");
    Objects.requireNonNull(by, "by");
    reason = Objects.requireNonNullElse(reason, "");
  }

  /** The request as stored with its job. */
  public byte[] toJson() {
    return JSON.writeValueAsBytes(this);
  }

  /**
   * Reads a stored request.
   *
   * @throws IllegalArgumentException when the bytes are no request
   */
  public static ReviewRequest fromJson(byte[] json) {
    try {
      return JSON.readValue(json, ReviewRequest.class);
    } catch (RuntimeException unreadable) {
      throw new IllegalArgumentException("not a stored review request: " + unreadable, unreadable);
    }
  }
}
