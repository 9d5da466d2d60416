package dev.triagebot.bot.github;

import java.util.Objects;

/**
 * A comment on an issue, as much of it as the bot needs to find its own.
 *
 * @param id GitHub's comment id, which update and delete address
 * @param body the Markdown body
 * @param author login of the comment's author
 */
public record IssueComment(long id, String body, String author) {
  public IssueComment {
    body = Objects.requireNonNullElse(body, "");
  }
}
