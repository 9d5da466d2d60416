package dev.triagebot.bot.review;

import dev.triagebot.bot.github.GitHubOperations;
import dev.triagebot.bot.github.GitHubRejectedException;
import dev.triagebot.bot.github.GitHubUnavailableException;
import dev.triagebot.bot.github.Reaction;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Looks for 👎 reactions on the bot's recent comments, since GitHub sends no webhook for reactions:
 * at most {@code reactionPollMaxComments} comments per round, rounds no more often than {@code
 * reactionPollInterval} by the injected clock, pending suggestions only (least recently polled
 * first). A 👎 from a person is an objection.
 */
public final class ReactionPolling {
  private static final Logger log = LoggerFactory.getLogger(ReactionPolling.class);

  private final GitHubOperations github;
  private final Suggestions suggestions;
  private final ReviewActions actions;
  private final ReviewProperties settings;
  private final Clock clock;
  private Instant nextRound = Instant.MIN;

  public ReactionPolling(
      GitHubOperations github,
      Suggestions suggestions,
      ReviewActions actions,
      ReviewProperties settings,
      Clock clock) {
    this.github = github;
    this.suggestions = suggestions;
    this.actions = actions;
    this.settings = settings;
    this.clock = clock;
  }

  /**
   * Polls a round if one is due.
   *
   * @return how many comments were polled; 0 when no round was due
   */
  public synchronized int pollIfDue() {
    Instant now = clock.instant();
    if (now.isBefore(nextRound)) {
      return 0;
    }
    nextRound = now.plus(settings.reactionPollInterval());
    int polled = 0;
    for (Suggestion suggestion :
        suggestions.toPoll(
            now.minus(settings.reactionPollWindow()), settings.reactionPollMaxComments())) {
      try {
        Optional<Reaction> thumbsDown =
            github.reactions(suggestion.issue(), suggestion.commentId()).stream()
                .filter(r -> r.content().equals(Reaction.THUMBS_DOWN) && !r.userIsBot())
                .findFirst();
        suggestions.polled(suggestion.id());
        polled++;
        thumbsDown.ifPresent(r -> actions.object(suggestion, r.user(), "a 👎 on the comment"));
      } catch (GitHubUnavailableException unavailable) {
        // Out of budget or GitHub is down: the rest waits for the next round.
        log.warn("reaction polling stopped for this round: {}", unavailable.getMessage());
        break;
      } catch (GitHubRejectedException gone) {
        // The comment or the issue was deleted: nothing to poll any more.
        suggestions.polled(suggestion.id());
        log.info(
            "{}: comment {} cannot be read ({}); skipped",
            suggestion.issue(),
            suggestion.commentId(),
            gone.getMessage());
      }
    }
    return polled;
  }
}
