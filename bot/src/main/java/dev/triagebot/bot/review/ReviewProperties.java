package dev.triagebot.bot.review;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Maintainer review, under {@code triage.review}. The token is a secret: {@link #toString()}
 * redacts it.
 *
 * @param token the token that opens the review page {@code /review}; unset, the page is disabled
 * @param permissionCacheTtl how long a user's role on a repository is trusted before GitHub is
 *     asked again
 * @param reactionPolling whether 👎 reactions on the bot's comments are polled for objections
 * @param reactionPollInterval how often they are polled (GitHub sends no webhook for reactions)
 * @param reactionPollMaxComments at most this many comments are polled per round: the rate budget
 *     (each costs about two requests)
 * @param reactionPollWindow only suggestions younger than this are polled
 */
public record ReviewProperties(
    String token,
    @NotNull @DefaultValue("5m") Duration permissionCacheTtl,
    @DefaultValue("true") boolean reactionPolling,
    @NotNull @DefaultValue("10m") Duration reactionPollInterval,
    @Min(1) @DefaultValue("20") int reactionPollMaxComments,
    @NotNull @DefaultValue("14d") Duration reactionPollWindow) {

  /** Whether the review page is enabled, by a token being set. */
  public boolean pageEnabled() {
    return token != null && !token.isBlank();
  }

  @Override
  public String toString() {
    return ("Review[token=%s, permissionCacheTtl=%s, reactionPolling=%s,"
            + " reactionPollInterval=%s, reactionPollMaxComments=%d, reactionPollWindow=%s]")
        .formatted(
            pageEnabled() ? "***" : "unset",
            permissionCacheTtl,
            reactionPolling,
            reactionPollInterval,
            reactionPollMaxComments,
            reactionPollWindow);
  }
}
