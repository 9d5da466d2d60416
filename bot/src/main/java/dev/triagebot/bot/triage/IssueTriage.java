package dev.triagebot.bot.triage;

/**
 * Triage of one issue event, from matching to effects on GitHub. The queue's workers depend on this
 * alone. Implementations are idempotent: running the same event again after a failure part way
 * through never posts or labels twice.
 */
public interface IssueTriage {

  /**
   * Triages the issue of this event.
   *
   * @throws dev.triagebot.bot.github.GitHubUnavailableException when GitHub cannot be reached or
   *     asks us to wait; the job is retried no earlier than the time it names
   */
  void triage(IssueEvent event);
}
