package dev.triagebot.bot.triage;

import dev.triagebot.bot.github.GitHubProperties;
import java.util.Locale;

/**
 * The mode the bot runs in and why: {@code triage.mode} when set, else dry-run without GitHub
 * credentials, else suggest.
 *
 * @param mode what the bot may do on GitHub
 * @param reason a sentence saying how the mode was chosen, for the start-up line
 */
public record OperatingMode(TriageMode mode, String reason) {

  /**
   * Resolves the mode from the settings; never fails.
   *
   * @param configured {@code triage.mode}, or null when unset
   * @param github the GitHub settings, whose credentials decide the default
   */
  public static OperatingMode resolve(TriageMode configured, GitHubProperties github) {
    if (configured != null) {
      return new OperatingMode(configured, "set by triage.mode (TRIAGE_MODE)");
    }
    if (!github.hasCredentials()) {
      return new OperatingMode(
          TriageMode.DRY_RUN,
          "no GitHub credentials configured (set TRIAGE_GITHUB_TOKEN, or TRIAGE_GITHUB_APP_ID with"
              + " TRIAGE_GITHUB_PRIVATE_KEY or TRIAGE_GITHUB_PRIVATE_KEY_PATH), so nothing is"
              + " written to GitHub");
    }
    return new OperatingMode(
        TriageMode.SUGGEST,
        "GitHub credentials configured and triage.mode unset; suggest is the default");
  }

  /** Whether the bot must not write to GitHub. */
  public boolean dryRun() {
    return mode == TriageMode.DRY_RUN;
  }

  /** The mode as written in settings, e.g. {@code dry-run}. */
  public String displayName() {
    return mode.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
