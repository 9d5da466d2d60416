package dev.triagebot.bot.triage;

import dev.triagebot.classifier.match.SignatureMatch;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the triage decision weighs, gathered before it is called: the decision reads nothing
 * else, so a new input is one more component here.
 *
 * @param event the issue event
 * @param matches the matcher's matches for the issue's text
 * @param history what similar past issues add; {@link HistoryHints#NONE} when not asked
 * @param prior what became of the bot's current suggestion on the issue; empty when none
 * @param repository what the issue's repository asks in its configuration file; {@link
 *     RepositoryPolicy#DEFAULTS} without one
 */
public record TriageFacts(
    IssueEvent event,
    List<SignatureMatch> matches,
    HistoryHints history,
    Optional<PriorVerdict> prior,
    RepositoryPolicy repository) {
  public TriageFacts {
    Objects.requireNonNull(event, "event");
    matches = List.copyOf(matches);
    Objects.requireNonNull(history, "history");
    Objects.requireNonNull(prior, "prior");
    Objects.requireNonNull(repository, "repository");
  }

  /** The facts of an issue whose repository has no configuration file. */
  public TriageFacts(
      IssueEvent event,
      List<SignatureMatch> matches,
      HistoryHints history,
      Optional<PriorVerdict> prior) {
    this(event, matches, history, prior, RepositoryPolicy.DEFAULTS);
  }

  /** The facts from the catalog alone: no history, no earlier suggestion. */
  public static TriageFacts of(IssueEvent event, List<SignatureMatch> matches) {
    return new TriageFacts(event, matches, HistoryHints.NONE, Optional.empty());
  }
}
