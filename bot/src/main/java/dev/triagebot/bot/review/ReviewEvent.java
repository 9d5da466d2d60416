package dev.triagebot.bot.review;

import dev.triagebot.bot.issue.IssueSnapshot;
import java.util.Objects;

/**
 * Something a person did on an issue that bears on the bot's suggestion, mapped once from the
 * webhook payload at the edge: a comment (a command, an objection) or a label change.
 */
public sealed interface ReviewEvent {

  /** GitHub's {@code X-GitHub-Delivery}. */
  String deliveryId();

  /** The issue as the payload described it. */
  IssueSnapshot issue();

  /** The same event, of this delivery (the id is known once the delivery is stored). */
  ReviewEvent withDeliveryId(String deliveryId);

  /**
   * A comment created or edited on an issue.
   *
   * @param deliveryId the delivery
   * @param edited whether the comment was edited (else just created)
   * @param issue the issue, with its current title and body
   * @param commentId GitHub's id of the comment
   * @param body the comment's Markdown
   * @param author login of the comment's author
   */
  record Comment(
      String deliveryId,
      boolean edited,
      IssueSnapshot issue,
      long commentId,
      String body,
      String author)
      implements ReviewEvent {
    public Comment {
      body = Objects.requireNonNullElse(body, "");
    }

    @Override
    public Comment withDeliveryId(String deliveryId) {
      return new Comment(deliveryId, edited, issue, commentId, body, author);
    }
  }

  /**
   * A person added or removed a label.
   *
   * @param deliveryId the delivery
   * @param added whether the label was added (else removed)
   * @param issue the issue
   * @param label the label's name
   * @param sender login of who changed it
   */
  record LabelChange(
      String deliveryId, boolean added, IssueSnapshot issue, String label, String sender)
      implements ReviewEvent {

    @Override
    public LabelChange withDeliveryId(String deliveryId) {
      return new LabelChange(deliveryId, added, issue, label, sender);
    }
  }
}
