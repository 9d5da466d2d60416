package dev.triagebot.classifier;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The classifier's shape: its packages form no cycle, and it knows nothing of the bot's world. */
class ArchitectureTest {
  private static final JavaClasses CLASSIFIER =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.triagebot.classifier");

  @Test
  void packagesFormNoCycle() {
    slices().matching("dev.triagebot.classifier.(*)..").should().beFreeOfCycles().check(CLASSIFIER);
  }

  @Test
  void classifierKnowsNeitherSpringNorTheGitHubLibrary() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.springframework..", "org.kohsuke..")
        .check(CLASSIFIER);
  }
}
