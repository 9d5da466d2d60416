package dev.triagebot.bot.triage;

import java.util.Objects;

/**
 * What happens to the bot's one comment on an issue. Whether "post" creates the comment or updates
 * it in place is found out when executing, by looking for the comment's marker: the decision never
 * reads GitHub.
 *
 * @param kind what to do
 * @param body the rendered Markdown to post; empty unless posting
 */
public record CommentAction(Kind kind, String body) {

  /** What to do with the comment. */
  public enum Kind {
    /** Create the comment, or update ours in place if it exists. */
    CREATE_OR_UPDATE,
    /** Delete our comment, if there is one: the issue no longer matches. */
    DELETE,
    /** Leave comments alone. */
    NONE
  }

  public CommentAction {
    Objects.requireNonNull(kind, "kind");
    body = Objects.requireNonNullElse(body, "");
    if ((kind == Kind.CREATE_OR_UPDATE) == body.isEmpty()) {
      throw new IllegalArgumentException("a body goes with CREATE_OR_UPDATE, and only with it");
    }
  }

  /** Create or update our comment with this body. */
  public static CommentAction post(String body) {
    return new CommentAction(Kind.CREATE_OR_UPDATE, body);
  }

  /** Delete our comment if there is one. */
  public static CommentAction delete() {
    return new CommentAction(Kind.DELETE, "");
  }

  /** Touch no comment. */
  public static CommentAction none() {
    return new CommentAction(Kind.NONE, "");
  }
}
