package dev.triagebot.bot.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
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
    Mode mode,
    @Valid @DefaultValue GitHub github,
    @Valid @DefaultValue Thresholds thresholds,
    Path catalogDir,
    @NotNull @DefaultValue("data") Path dataDir,
    @Valid @DefaultValue Queue queue,
    @Valid @DefaultValue Review review) {

  /** What the bot may do on GitHub. */
  public enum Mode {
    /** Record and log the plan; write nothing. */
    DRY_RUN,
    /** Post the comment with suggested labels; apply none. */
    SUGGEST,
    /** Apply labels above the apply threshold; suggest between the thresholds. */
    APPLY
  }

  /**
   * Credentials and endpoint. Secrets are never logged: {@link #toString()} redacts them.
   *
   * @param webhookSecret the secret GitHub signs deliveries with
   * @param appId the GitHub App id
   * @param privateKey the App's private key, PEM (PKCS#1 or PKCS#8)
   * @param privateKeyPath a file holding the private key, instead of {@code privateKey}
   * @param token a personal or installation token, instead of App credentials
   * @param apiUrl the REST API root, for GitHub Enterprise Server and tests
   */
  public record GitHub(
      String webhookSecret,
      Long appId,
      String privateKey,
      Path privateKeyPath,
      String token,
      @NotNull @DefaultValue("https://api.github.com") URI apiUrl) {

    /** Whether any way to write to GitHub is configured. */
    public boolean hasCredentials() {
      return present(token) || (appId != null && (present(privateKey) || privateKeyPath != null));
    }

    private static boolean present(String value) {
      return value != null && !value.isBlank();
    }

    @Override
    public String toString() {
      return "GitHub[apiUrl=%s, appId=%s, webhookSecret=%s, privateKey=%s, token=%s]"
          .formatted(
              apiUrl,
              appId,
              redacted(webhookSecret),
              redacted(privateKey) + (privateKeyPath == null ? "" : " (from file)"),
              redacted(token));
    }

    private static String redacted(String secret) {
      return present(secret) ? "***" : "unset";
    }
  }

  /**
   * Global confidence floors in [0,1], for a deployment that wants to be stricter than the catalog.
   * Each signature's own calibrated thresholds apply where higher; the default 0 leaves them as
   * calibrated.
   *
   * @param suggest from here a matched signature's labels are suggested
   * @param apply from here labels are applied in apply mode
   */
  public record Thresholds(
      @DecimalMin("0") @DecimalMax("1") @DefaultValue("0") double suggest,
      @DecimalMin("0") @DecimalMax("1") @DefaultValue("0") double apply) {}

  /**
   * Retry and parking of jobs.
   *
   * @param maxAttempts attempts before a job is parked as failed, counting only unexpected failures
   *     and workers that died mid-job; GitHub being unavailable is bounded by {@code retryHorizon}
   * @param initialBackoff the first retry delay; doubled each attempt, with jitter
   * @param maxBackoff the longest delay between attempts
   * @param workers how many jobs run at once
   * @param pollInterval how often idle workers look for due jobs
   * @param leaseTimeout how long a job stays leased to its worker without a heartbeat; a job of a
   *     killed process is taken up again this long after its last heartbeat
   * @param heartbeatInterval how often a running job's lease is renewed; well below {@code
   *     leaseTimeout}
   * @param retryHorizon how long, from its creation, a job is retried while GitHub is unavailable
   *     or refuses the installation's credentials before it is parked
   * @param breakerThreshold consecutive transient GitHub failures, across jobs, that pause the
   *     whole queue
   * @param breakerInitialPause the first pause of the queue; doubled after each failed probe
   * @param breakerMaxPause the longest pause between probes
   */
  public record Queue(
      @Min(1) @DefaultValue("8") int maxAttempts,
      @NotNull @DefaultValue("2s") Duration initialBackoff,
      @NotNull @DefaultValue("10m") Duration maxBackoff,
      @Min(1) @DefaultValue("2") int workers,
      @NotNull @DefaultValue("500ms") Duration pollInterval,
      @NotNull @DefaultValue("30s") Duration leaseTimeout,
      @NotNull @DefaultValue("10s") Duration heartbeatInterval,
      @NotNull @DefaultValue("24h") Duration retryHorizon,
      @Min(1) @DefaultValue("5") int breakerThreshold,
      @NotNull @DefaultValue("30s") Duration breakerInitialPause,
      @NotNull @DefaultValue("10m") Duration breakerMaxPause) {

    @ConstructorBinding
    public Queue {
      if (heartbeatInterval.compareTo(leaseTimeout) >= 0) {
        throw new IllegalArgumentException(
            "triage.queue.heartbeat-interval ("
                + heartbeatInterval
                + ") must be shorter than triage.queue.lease-timeout ("
                + leaseTimeout
                + "), or leases of live workers lapse");
      }
    }

    /** The settings before leases had a heartbeat: a heartbeat every third of the lease. */
    public Queue(
        int maxAttempts,
        Duration initialBackoff,
        Duration maxBackoff,
        int workers,
        Duration pollInterval,
        Duration leaseTimeout) {
      this(
          maxAttempts,
          initialBackoff,
          maxBackoff,
          workers,
          pollInterval,
          leaseTimeout,
          leaseTimeout.dividedBy(3),
          Duration.ofHours(24),
          5,
          Duration.ofSeconds(30),
          Duration.ofMinutes(10));
    }
  }

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
