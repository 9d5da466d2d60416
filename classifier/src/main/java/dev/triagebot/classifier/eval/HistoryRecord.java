package dev.triagebot.classifier.eval;

import dev.triagebot.classifier.similar.IndexedIssue;
import dev.triagebot.classifier.text.IssueText;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One line of an evaluation file in the dev-set format ({@code id, title, body, labels, signatures,
 * duplicate_of}), optionally with what a history needs ({@code number, state, state_reason}, and
 * {@code author_association, created_at, updated_at}).
 *
 * @param source where the record was read, e.g. {@code history.jsonl:12}, for messages
 * @param id the record's id, or null
 * @param number the issue number, or null for dataset records that are not issues yet
 * @param title the title
 * @param body the body
 * @param labels the labels
 * @param signatures the signatures the record is expected to match
 * @param state open or closed
 * @param stateReason GitHub's state reason, or null
 * @param duplicateOf the issue this one duplicates, or null
 * @param authorAssociation GitHub's author association, or null
 * @param createdAt when opened, or null
 * @param updatedAt when last changed, or null
 */
public record HistoryRecord(
    String source,
    String id,
    Integer number,
    String title,
    String body,
    List<String> labels,
    List<String> signatures,
    IndexedIssue.State state,
    IndexedIssue.StateReason stateReason,
    Integer duplicateOf,
    String authorAssociation,
    Instant createdAt,
    Instant updatedAt) {
  public HistoryRecord {
    Objects.requireNonNull(state, "state");
    labels = List.copyOf(labels);
    signatures = List.copyOf(signatures);
  }

  /** An issue a deployment knows, as a history record named {@code name} in reports. */
  public static HistoryRecord of(String name, IndexedIssue issue) {
    return new HistoryRecord(
        name,
        name,
        issue.number(),
        issue.title(),
        issue.body(),
        issue.labels(),
        List.of(),
        issue.state(),
        issue.stateReason(),
        issue.duplicateOf(),
        issue.authorAssociation(),
        issue.createdAt(),
        issue.updatedAt());
  }

  public IssueText text() {
    return new IssueText(title, body);
  }

  /** The record as an indexed issue; only records with a number can be one. */
  public IndexedIssue toIndexedIssue() {
    if (number == null) {
      throw new IllegalArgumentException(source + ": number: a history record needs a number");
    }
    return new IndexedIssue(
        number,
        title,
        body,
        state,
        stateReason,
        labels,
        authorAssociation,
        createdAt,
        updatedAt,
        duplicateOf);
  }

  /** The record's name in reports: its id, else its number. */
  public String name() {
    return id != null ? id : "#" + number;
  }
}
