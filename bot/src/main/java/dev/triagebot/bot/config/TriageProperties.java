package dev.triagebot.bot.config;

import dev.triagebot.bot.budget.WriteBudgetProperties;
import dev.triagebot.bot.github.GitHubProperties;
import dev.triagebot.bot.queue.QueueProperties;
import dev.triagebot.bot.recovery.RecoveryProperties;
import dev.triagebot.bot.repoconfig.RepositoryConfigProperties;
import dev.triagebot.bot.retention.RetentionProperties;
import dev.triagebot.bot.review.ReviewProperties;
import dev.triagebot.bot.setup.SetupProperties;
import dev.triagebot.bot.triage.GlobalThresholds;
import dev.triagebot.bot.triage.TriageMode;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
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
 * @param repoConfig how each repository's {@code .github/triage-bot.yml} is read
 * @param setup creating the GitHub App from its manifest at {@code /setup}
 * @param retention how long deliveries, audit rows and old index changes are kept
 * @param writeBudget content-creating requests per installation, shared by every replica
 * @param recovery redelivery of failed deliveries and reconciliation of missed issues
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
    @Valid @DefaultValue ReviewProperties review,
    @Valid @DefaultValue SetupProperties setup,
    @Valid @DefaultValue RetentionProperties retention,
    @Valid @DefaultValue WriteBudgetProperties writeBudget,
    @Valid @DefaultValue RecoveryProperties recovery,
    @Valid @DefaultValue RepositoryConfigProperties repoConfig) {}
