package dev.triagebot.bot.triage;

import dev.triagebot.bot.issue.RepositoryRef;

/** Where triage learns what a repository asks of the bot, before deciding about its issues. */
@FunctionalInterface
public interface RepositoryPolicies {
  /** Every repository as the deployment says. */
  RepositoryPolicies NONE = repository -> RepositoryPolicy.DEFAULTS;

  /**
   * The repository's policy in force: its last valid configuration, else the defaults. Never fails
   * for a bad file; may throw {@link dev.triagebot.bot.github.GitHubUnavailableException} when
   * GitHub cannot say whether the file changed, so that the job waits like any other.
   */
  RepositoryPolicy forRepository(RepositoryRef repository);
}
