package dev.triagebot.bot.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.triagebot.testing.SharedMaterial;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/** GitHub's webhook payload examples in the shared material, one folder of them per event. */
final class GitHubExamples {
  private GitHubExamples() {}

  /** A check of one example. */
  @FunctionalInterface
  interface Check {
    void check(String event, Path example) throws Exception;
  }

  /**
   * One test per example of the events, named {@code <event>/<file>}; skipped, saying why, where
   * the shared material is absent.
   *
   * @param atLeast how many examples there must be more than, so that a moved folder fails loudly
   */
  static Stream<DynamicTest> eachOf(List<String> events, int atLeast, Check check)
      throws Exception {
    return SharedMaterial.dynamicTests(
        "github/webhooks/examples",
        examples -> {
          List<DynamicTest> tests = new ArrayList<>();
          for (String event : events) {
            try (Stream<Path> files = Files.list(examples.resolve(event))) {
              files
                  .filter(file -> file.getFileName().toString().endsWith(".json"))
                  .sorted()
                  .forEach(
                      file ->
                          tests.add(
                              DynamicTest.dynamicTest(
                                  event + "/" + file.getFileName(),
                                  () -> check.check(event, file))));
            }
          }
          assertThat(tests).as("examples found").hasSizeGreaterThan(atLeast);
          return tests.stream();
        });
  }
}
