package dev.triagebot.classifier.similar;

import dev.triagebot.classifier.text.IssueText;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One issue of a repository as the similar-issue index keeps it: our own record, with no GitHub
 * types, holding the current state after every event applied to it.
 *
 * @param number the issue number, positive
 * @param title the current title, never null
 * @param body the current body, never null
 * @param state open or closed
 * @param stateReason why the issue is in its state, or null when GitHub gives none (open issues
 *     never reopened, and issues closed before GitHub recorded reasons)
 * @param labels names of the labels the issue has now
 * @param authorAssociation GitHub's author association ({@code OWNER}, {@code MEMBER}, {@code
 *     NONE}, …), upper case, or null when unknown
 * @param createdAt when the issue was opened, or null when unknown
 * @param updatedAt when the issue last changed, or null when unknown; an update older than the
 *     indexed one is ignored
 * @param duplicateOf the issue this one was closed as a duplicate of, where known, else null
 */
public record IndexedIssue(
    int number,
    String title,
    String body,
    State state,
    StateReason stateReason,
    List<String> labels,
    String authorAssociation,
    Instant createdAt,
    Instant updatedAt,
    Integer duplicateOf) {

  /** The label maintainers put on reports that are not real issues. */
  public static final String INVALID_LABEL = "invalid";

  public IndexedIssue {
    if (number <= 0) {
      throw new IllegalArgumentException("issue number must be positive: " + number);
    }
    title = Objects.requireNonNullElse(title, "");
    body = Objects.requireNonNullElse(body, "");
    state = Objects.requireNonNull(state, "state");
    labels = List.copyOf(labels);
    authorAssociation =
        authorAssociation == null || authorAssociation.isBlank()
            ? null
            : authorAssociation.toUpperCase(Locale.ROOT);
    if (duplicateOf != null && duplicateOf <= 0) {
      throw new IllegalArgumentException("duplicate_of must be a positive issue number");
    }
  }

  /** An open issue with only a number and text, for tests and callers that know nothing else. */
  public static IndexedIssue open(int number, String title, String body, List<String> labels) {
    return new IndexedIssue(number, title, body, State.OPEN, null, labels, null, null, null, null);
  }

  /** The text the similarity search compares. */
  public IssueText text() {
    return new IssueText(title, body);
  }

  public boolean isOpen() {
    return state == State.OPEN;
  }

  /**
   * Whether the issue was closed as a duplicate: by GitHub's state reason, or (for issues closed
   * before that reason existed) because a duplicate target is known.
   */
  public boolean isClosedAsDuplicate() {
    return state == State.CLOSED && (stateReason == StateReason.DUPLICATE || duplicateOf != null);
  }

  /**
   * Whether maintainers declined the issue: closed as not planned, or labelled {@value
   * #INVALID_LABEL}. Such an issue is never offered as the one to follow.
   */
  public boolean isDeclined() {
    return (state == State.CLOSED && stateReason == StateReason.NOT_PLANNED)
        || labels.contains(INVALID_LABEL);
  }

  /** The same issue in another state, e.g. after a {@code closed} event. */
  public IndexedIssue withState(State newState, StateReason newReason, Integer newDuplicateOf) {
    return new IndexedIssue(
        number,
        title,
        body,
        newState,
        newReason,
        labels,
        authorAssociation,
        createdAt,
        updatedAt,
        newDuplicateOf);
  }

  /** Open or closed, as GitHub reports it. */
  public enum State {
    OPEN,
    CLOSED;

    /** Parses GitHub's {@code open}/{@code closed}. */
    public static State fromGitHub(String value) {
      return switch (Objects.requireNonNull(value, "state").toLowerCase(Locale.ROOT)) {
        case "open" -> OPEN;
        case "closed" -> CLOSED;
        default -> throw new IllegalArgumentException("unknown issue state: " + value);
      };
    }

    public String toGitHub() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** GitHub's {@code state_reason}. */
  public enum StateReason {
    COMPLETED,
    NOT_PLANNED,
    DUPLICATE,
    REOPENED;

    /** Parses GitHub's value ({@code not_planned}, …); null stays null. */
    public static StateReason fromGitHub(String value) {
      if (value == null) {
        return null;
      }
      return switch (value.toLowerCase(Locale.ROOT)) {
        case "completed" -> COMPLETED;
        case "not_planned" -> NOT_PLANNED;
        case "duplicate" -> DUPLICATE;
        case "reopened" -> REOPENED;
        default -> throw new IllegalArgumentException("unknown state_reason: " + value);
      };
    }

    public String toGitHub() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
