package dev.triagebot.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/**
 * Finds the read-only {@code shared/} folder that sits beside the clone (the dev set, real reports
 * and GitHub's payload examples and REST description). The system property {@value #PROPERTY} names
 * it explicitly ({@code .ci/run} sets it when the folder exists); without it, a {@code shared}
 * sibling of this checkout or of a parent is used. Tests that need it are reported as skipped, with
 * the reason, where it is absent, so that any clone builds; a property that points nowhere fails
 * them, since it can only be a mistake.
 */
public final class SharedMaterial {
  /** The system property naming the shared folder. */
  public static final String PROPERTY = "triage.shared";

  private SharedMaterial() {}

  /** The shared folder: the one {@value #PROPERTY} names, else one found beside this checkout. */
  public static Optional<Path> find() {
    String named = System.getProperty(PROPERTY);
    if (named != null && !named.isBlank()) {
      Path folder = Path.of(named).toAbsolutePath();
      if (!Files.isDirectory(folder)) {
        throw new AssertionError(
            "-D" + PROPERTY + "=" + named + " names no directory (resolved to " + folder + ")");
      }
      return Optional.of(folder);
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolveSibling("shared");
      if (Files.isDirectory(candidate.resolve("eval"))
          && Files.isDirectory(candidate.resolve("github"))) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /**
   * A file under the shared folder; where it is absent, aborts the calling test, which the report
   * then lists as skipped with the reason. Call it from a test or a {@code @BeforeEach} method, not
   * from {@code @BeforeAll}: an aborted class is reported as no tests at all.
   */
  public static Path require(String relativePath) {
    Optional<Path> file = locate(relativePath);
    assumeTrue(file.isPresent(), () -> whyAbsent(relativePath));
    return file.get();
  }

  /**
   * The dynamic tests {@code tests} makes from a file under the shared folder; where it is absent,
   * one test that is reported as skipped with the reason (an aborted {@code @TestFactory} would be
   * reported as no tests at all).
   */
  public static Stream<DynamicTest> dynamicTests(String relativePath, TestsFrom tests)
      throws Exception {
    Optional<Path> file = locate(relativePath);
    if (file.isEmpty()) {
      String why = whyAbsent(relativePath);
      return Stream.of(
          DynamicTest.dynamicTest("needs ../shared/" + relativePath, () -> assumeTrue(false, why)));
    }
    return tests.from(file.get());
  }

  /** Makes dynamic tests from a file or folder of the shared material. */
  @FunctionalInterface
  public interface TestsFrom {
    Stream<DynamicTest> from(Path material) throws Exception;
  }

  private static Optional<Path> locate(String relativePath) {
    return find().map(shared -> shared.resolve(relativePath)).filter(Files::exists);
  }

  private static String whyAbsent(String relativePath) {
    String why =
        find()
            .map(shared -> relativePath + " not found in " + shared)
            .orElse(
                "no shared folder: neither -D"
                    + PROPERTY
                    + " nor a 'shared' folder beside this checkout, so ../shared/"
                    + relativePath
                    + " is not available");
    System.err.println("SKIPPED: " + why);
    return why;
  }
}
