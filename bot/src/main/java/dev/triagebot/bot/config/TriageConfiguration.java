package dev.triagebot.bot.config;

import dev.triagebot.bot.budget.WriteBudget;
import dev.triagebot.bot.github.DryRunGitHub;
import dev.triagebot.bot.github.GitHubCalls;
import dev.triagebot.bot.github.GitHubRestOperations;
import dev.triagebot.bot.github.RepositoryLabelsPerJob;
import dev.triagebot.bot.github.UnconnectedGitHub;
import dev.triagebot.bot.index.IndexedHistory;
import dev.triagebot.bot.index.RepositoryIndexes;
import dev.triagebot.bot.repoconfig.RepositoryConfigs;
import dev.triagebot.bot.triage.CatalogFiles;
import dev.triagebot.bot.triage.DecideTriage;
import dev.triagebot.bot.triage.IssueHistory;
import dev.triagebot.bot.triage.IssueTriage;
import dev.triagebot.bot.triage.OperatingMode;
import dev.triagebot.bot.triage.PlanExecutor;
import dev.triagebot.bot.triage.TriageAudit;
import dev.triagebot.bot.triage.TriageComment;
import dev.triagebot.bot.triage.TriageIssue;
import dev.triagebot.bot.triage.TriagePolicy;
import dev.triagebot.bot.triage.TriageReview;
import dev.triagebot.classifier.catalog.SignatureCatalog;
import dev.triagebot.classifier.match.SignatureMatcher;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.Clock;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Wires triage: the catalog and matcher, the decision, the executor over GitHub, the audit. A
 * catalog that does not validate, or a writing mode without GitHub credentials, stops start-up with
 * the reason.
 */
@Configuration(proxyBeanMethods = false)
@Import({IndexConfiguration.class, RepositoryConfigConfiguration.class})
public class TriageConfiguration {
  private static final Logger log = LoggerFactory.getLogger(TriageConfiguration.class);

  /**
   * The catalog from {@code triage.catalog-dir}, else the one packaged in the jar. A {@link
   * dev.triagebot.classifier.catalog.CatalogException} here names the file and field at fault.
   */
  @Bean
  SignatureCatalog signatureCatalog(TriageProperties properties) {
    SignatureCatalog catalog = CatalogFiles.load(properties.catalogDir());
    log.info(
        "signature catalog: {} signatures from {}",
        catalog.signatures().size(),
        properties.catalogDir() == null
            ? "the packaged config/signatures"
            : properties.catalogDir());
    return catalog;
  }

  /** Closed with the context: Spring calls {@code close()} on an AutoCloseable bean. */
  @Bean
  SignatureMatcher signatureMatcher(SignatureCatalog catalog) {
    return new SignatureMatcher(catalog);
  }

  /**
   * Dry-run (announced at start-up by {@link StartupConfiguration}) writes through a {@link
   * DryRunGitHub}, which reads from GitHub when credentials are configured and records every write
   * instead of sending it; the other modes need GitHub credentials and refuse to start without
   * them.
   */
  @Bean
  PlanExecutor planExecutor(OperatingMode mode, GitHubConnection github, WriteBudget budget) {
    return mode.dryRun()
        ? PlanExecutor.dryRun(
            new DryRunGitHub(github.operations().orElseGet(UnconnectedGitHub::new)))
        : PlanExecutor.live(github.require(), budget::spend);
  }

  /** Each job reads a repository's labels once, however many of its steps need them. */
  @Bean
  RepositoryLabelsPerJob repositoryLabelsPerJob() {
    return new RepositoryLabelsPerJob();
  }

  /**
   * Content-creating requests per installation, counted in the store for every replica. The
   * service's transaction template where there is one; triage alone (tests) gets its own. Its
   * deferrals are counted as {@code triage.write.budget.deferrals}.
   */
  @Bean
  WriteBudget writeBudget(
      JdbcTemplate jdbc,
      ObjectProvider<TransactionTemplate> transactions,
      Clock clock,
      TriageProperties properties,
      ObjectProvider<MeterRegistry> registry) {
    TransactionTemplate transaction =
        transactions.getIfAvailable(
            () -> new TransactionTemplate(new DataSourceTransactionManager(jdbc.getDataSource())));
    WriteBudget budget = new WriteBudget(jdbc, transaction, clock, properties.writeBudget());
    FunctionCounter.builder("triage.write.budget.deferrals", budget, WriteBudget::deferrals)
        .description(
            "Jobs deferred, or writes refused, because an installation's write budget was spent")
        .register(meters(registry));
    return budget;
  }

  /** Every request to GitHub, whichever client sends it, counted and timed in one place. */
  @Bean
  GitHubCalls gitHubCalls(ObjectProvider<MeterRegistry> registry) {
    return new GitHubCalls(meters(registry));
  }

  /** One GitHub client for the executor and for review's reads, made when first needed. */
  @Bean
  GitHubConnection gitHubConnection(
      TriageProperties properties, RepositoryLabelsPerJob labels, Clock clock, GitHubCalls calls) {
    return new GitHubConnection(
        properties.github().hasCredentials(),
        () -> labels.memoising(GitHubRestOperations.connect(properties.github(), clock, calls)));
  }

  /**
   * The repository's history, read from its similar-issue index. Label suggestions need the
   * repository's labels from GitHub; without credentials (dry-run) none is suggested, since a label
   * the repository lacks must never be.
   */
  @Bean
  IssueHistory issueHistory(RepositoryIndexes indexes, GitHubConnection github) {
    return new IndexedHistory(
        indexes,
        repository ->
            github.operations().map(ops -> ops.repositoryLabels(repository)).orElse(Set.of()));
  }

  @Bean
  TriageAudit triageAudit(JdbcClient jdbc, Clock clock) {
    return new TriageAudit(jdbc, clock);
  }

  @Bean
  IssueTriage issueTriage(
      SignatureMatcher matcher,
      OperatingMode mode,
      TriageProperties properties,
      PlanExecutor executor,
      TriageAudit audit,
      ObjectProvider<TriageReview> review,
      IssueHistory history,
      RepositoryConfigs repositories,
      RepositoryLabelsPerJob labels,
      ObjectProvider<MeterRegistry> registry) {
    DecideTriage decide =
        new DecideTriage(
            TriagePolicy.from(mode.mode(), properties.thresholds()), TriageComment.fromClasspath());
    // Needs-look scores go to the decision too: it says nothing in public about them, and review
    // lists them for maintainers.
    Timer matching =
        Timer.builder("triage.matching")
            .description("Time to match one issue's text against the signature catalog")
            .publishPercentileHistogram()
            .register(meters(registry));
    IssueTriage triage =
        new TriageIssue(
            text -> matching.record(() -> matcher.matchOrLook(text)),
            decide,
            executor,
            audit,
            review.getIfAvailable(() -> TriageReview.NONE),
            history,
            repositories);
    return event -> labels.during(() -> triage.triage(event));
  }

  /**
   * The service's registry; contexts without metrics (commands, tests of the wiring) record none.
   */
  private static MeterRegistry meters(ObjectProvider<MeterRegistry> registry) {
    return registry.getIfAvailable(CompositeMeterRegistry::new);
  }
}
