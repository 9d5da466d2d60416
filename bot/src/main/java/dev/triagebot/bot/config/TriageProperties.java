package dev.triagebot.bot.config;

import dev.triagebot.bot.github.GitHubProperties;
import dev.triagebot.bot.queue.QueueProperties;
import dev.triagebot.bot.triage.GlobalThresholds;
import dev.triagebot.bot.triage.TriageMode;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Deployment settings under {@code triage.*}, each settable by environment variable (e.g. {@code
 * TRIAGE_GITHUB_WEBHOOK_SECRET}). The signature catalog is data and lives apart, in {@code
 * config/signatures}.
 *
 * @param mode what the bot may do; when unset, dry-run without GitHub credentials, else suggest
 * @param github how to reach and authenticate with GitHub
 * @param thresholds global confidence floors, on top of each signature's own
 * @param catalogDir a directory of signature files replacing the catalog packaged in the jar
 * @param dataDir where the embedded store and indexes live
 * @param queue how the job queue retries and parks work
 * @param review maintainer review: commands, objections, the review page
 */
@Validated
@ConfigurationProperties("triage")
public record TriageProperties(
    TriageMode mode,
    @Valid @DefaultValue GitHubProperties github,
    @Valid @DefaultValue GlobalThresholds thresholds,
    Path catalogDir,
    @NotNull @DefaultValue("data") Path dataDir,
    @Valid @DefaultValue QueueProperties queue,
    @Valid @DefaultValue Review review) {

  /**
   * Maintainer review. The token is a secret: {@link #toString()} redacts it.
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
  public record Review(
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
}
