package dev.triagebot.bot.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import dev.triagebot.bot.index.IndexChange;

/**
 * What ingress knows of a delivery before answering: the few fields {@link DeliveryScan} picks out
 * for routing and idempotency, and the issue the similar-issue index reads. Only the type of each
 * is checked; the worker checks the rest.
 *
 * @param action the payload's {@code action}; null when it has none
 * @param installationId {@code installation.id}; null when absent
 * @param repository {@code repository.full_name}; null when absent
 * @param issueNumber {@code issue.number}; null when absent
 * @param pullRequest whether {@code issue.pull_request} is set, i.e. the issue is a pull request
 * @param issue the {@code issue} value as a tree, for the similar-issue index; null when absent,
 *     and for events that cannot change the index
 * @param titleOrBodyChanged whether {@code changes} names the title or the body
 * @param sender {@code sender}
 * @param commentAuthor {@code comment.user}
 * @param commentAssociation {@code comment.author_association}; null when absent
 * @param commentBody {@code comment.body}; null when absent
 * @param ref a push's {@code ref}, e.g. {@code refs/heads/main}; null when absent
 * @param defaultBranch {@code repository.default_branch}; null when absent
 */
record DeliveryFacts(
    String action,
    Long installationId,
    String repository,
    Long issueNumber,
    boolean pullRequest,
    JsonNode issue,
    boolean titleOrBodyChanged,
    User sender,
    User commentAuthor,
    String commentAssociation,
    String commentBody,
    String ref,
    String defaultBranch) {

  /**
   * A user as routing sees it; either part null when absent or not a string.
   *
   * @param login the login
   * @param type {@code User}, {@code Bot}, …
   */
  record User(String login, String type) {
    /** The same rule as the worker's: the bot never reviews a bot's comment or label change. */
    boolean isBot() {
      return "Bot".equalsIgnoreCase(type) || (login != null && login.endsWith("[bot]"));
    }
  }

  /** What the similar-issue index reads of the delivery, so that it needs no parse of the body. */
  IndexChange.Fields indexFields() {
    return new IndexChange.Fields(
        action,
        repository,
        issue,
        commentAuthor.type(),
        commentAuthor.login(),
        commentAssociation,
        commentBody);
  }

  /** {@code owner/name#number}, the key of jobs about this issue. */
  String issueKey() {
    return repository + "#" + issueNumber;
  }
}
