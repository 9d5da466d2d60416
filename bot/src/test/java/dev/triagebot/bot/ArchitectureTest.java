package dev.triagebot.bot;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import com.tngtech.archunit.library.dependencies.SliceRule;
import org.junit.jupiter.api.Test;

/**
 * The bot's shape: the GitHub library stays at the edge, nothing below ingress knows the web layer,
 * and no new package cycle appears.
 */
class ArchitectureTest {
  private static final String BOT = "dev.triagebot.bot";

  private static final JavaClasses MAIN =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages(BOT);

  /**
   * The imports that still run upwards, each closing today's one cycle: {@code config} wires {@code
   * index}, {@code queue} and {@code review}, which still read their settings from {@code
   * config.TriageProperties}. They are allowed by name so that any other import closing a cycle
   * fails; remove a line when its import is gone, never add one.
   */
  private static final String[][] KNOWN_UPWARD_IMPORTS = {
    {"index", "config"},
    {"review", "config"},
  };

  /** No cycle among the packages below {@code root}, apart from the known upward imports. */
  static SliceRule packagesFormNoNewCycle(String root) {
    SliceRule rule = slices().matching(root + ".(*)..").should().beFreeOfCycles();
    for (String[] edge : KNOWN_UPWARD_IMPORTS) {
      rule =
          rule.ignoreDependency(
              resideInAPackage(BOT + "." + edge[0] + ".."),
              resideInAPackage(BOT + "." + edge[1] + ".."));
    }
    return rule;
  }

  @Test
  void packagesFormNoCycleBeyondTheKnownUpwardImports() {
    packagesFormNoNewCycle(BOT).check(MAIN);
  }

  @Test
  void theCycleRuleRejectsTwoPackagesThatImportEachOther() {
    JavaClasses fixture = new ClassFileImporter().importPackages(BOT + ".archfixture");

    EvaluationResult result = packagesFormNoNewCycle(BOT + ".archfixture").evaluate(fixture);

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
        .resideInAnyPackage(
            BOT + ".triage..", BOT + ".review..", BOT + ".queue..", BOT + ".index..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage(BOT + ".webhook..")
        .check(MAIN);
  }
}
