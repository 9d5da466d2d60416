package dev.triagebot.bot;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;

/**
 * The bot's shape: the GitHub library stays at the edge, nothing below ingress knows the web layer,
 * and its packages form no cycle.
 */
class ArchitectureTest {
  private static final String BOT = "dev.triagebot.bot";

  /** The feature packages below ingress: none may know the web layer or the wiring. */
  private static final String[] BELOW_INGRESS = {
    BOT + ".triage..",
    BOT + ".review..",
    BOT + ".queue..",
    BOT + ".index..",
    BOT + ".retention..",
    BOT + ".recovery..",
    BOT + ".budget..",
    BOT + ".repoconfig.."
  };

  private static final JavaClasses MAIN =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages(BOT);

  /** No cycle among the packages directly below {@code root}, each with its subpackages. */
  static ArchRule packagesFormNoCycle(String root) {
    return slices().matching(root + ".(*)..").should().beFreeOfCycles();
  }

  @Test
  void packagesFormNoCycle() {
    packagesFormNoCycle(BOT).check(MAIN);
  }

  @Test
  void theCycleRuleRejectsTwoPackagesThatImportEachOther() {
    JavaClasses fixture = new ClassFileImporter().importPackages(BOT + ".archfixture");

    EvaluationResult result = packagesFormNoCycle(BOT + ".archfixture").evaluate(fixture);

    assertThat(result.hasViolation()).isTrue();
    assertThat(result.getFailureReport().toString()).contains("first", "second");
  }

  @Test
  void onlyTheGitHubEdgeAndThePayloadMapperUseTheGitHubLibrary() {
    ArchRule rule =
        noClasses()
            .that()
            .resideOutsideOfPackage(BOT + ".github..")
            .and()
            .haveNameNotMatching("dev\\.triagebot\\.bot\\.webhook\\.GitHubPayloads(\\$.*)?")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("org.kohsuke.github..");
    rule.check(MAIN);
  }

  @Test
  void nothingBelowIngressImportsTheWebhookLayer() {
    noClasses()
        .that()
        .resideInAnyPackage(BELOW_INGRESS)
        .should()
        .dependOnClassesThat()
        .resideInAPackage(BOT + ".webhook..")
        .check(MAIN);
  }

  /**
   * Each feature package owns its settings; only the wiring above them (and the command line, which
   * starts it) reads {@code config}.
   */
  @Test
  void featurePackagesDoNotImportTheWiring() {
    noClasses()
        .that()
        .resideInAnyPackage(
            java.util.stream.Stream.concat(
                    java.util.stream.Stream.of(
                        BOT + ".webhook..",
                        BOT + ".github..",
                        BOT + ".setup..",
                        BOT + ".metrics.."),
                    java.util.Arrays.stream(BELOW_INGRESS))
                .toArray(String[]::new))
        .should()
        .dependOnClassesThat()
        .resideInAPackage(BOT + ".config..")
        .check(MAIN);
  }

  /** The shared value types sit below every feature, so any package may use them. */
  @Test
  void sharedIssueTypesDependOnNoOtherPackageOfTheBot() {
    noClasses()
        .that()
        .resideInAPackage(BOT + ".issue..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            BOT + ".budget..",
            BOT + ".cli..",
            BOT + ".config..",
            BOT + ".github..",
            BOT + ".index..",
            BOT + ".queue..",
            BOT + ".recovery..",
            BOT + ".repoconfig..",
            BOT + ".retention..",
            BOT + ".review..",
            BOT + ".triage..",
            BOT + ".webhook..")
        .check(MAIN);
  }
}
