package dev.triagebot.bot.github;

import java.util.Objects;

/**
 * One reaction on a comment.
 *
 * @param content GitHub's name of the reaction: {@code +1}, {@code -1}, {@code confused}, ...
 * @param user login of whoever reacted
 * @param userIsBot whether that is a bot account
 */
public record Reaction(String content, String user, boolean userIsBot) {
  /** GitHub's 👎. */
  public static final String THUMBS_DOWN = "-1";

  /** GitHub's 👍. */
  public static final String THUMBS_UP = "+1";

  /** GitHub's 😕. */
  public static final String CONFUSED = "confused";

  public Reaction {
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(user, "user");
  }
}
