package dev.triagebot.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the read-only {@code shared/} folder that sits beside the clone (it holds the seed, the dev
 * set and GitHub's payload examples). Tests that need it skip loudly where it is absent, and fail
 * under CI, where it is always present.
 */
public final class SharedMaterial {
  private SharedMaterial() {}

  /** The shared folder, if one is found beside this checkout or any of its parents. */
  public static Optional<Path> find() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolveSibling("shared");
      if (Files.isDirectory(candidate.resolve("eval"))
          && Files.isDirectory(candidate.resolve("github"))) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** A file under the shared folder; skips the calling test (fails it under CI) if absent. */
  public static Path require(String relativePath) {
    Optional<Path> file = find().map(shared -> shared.resolve(relativePath)).filter(Files::exists);
    if (file.isEmpty()) {
      String why = "SKIPPED LOUDLY: ../shared/" + relativePath + " not found beside this checkout";
      if (System.getenv("CI") != null) {
        throw new AssertionError(why + ", and CI always provides it");
      }
      System.err.println(why);
      assumeTrue(false, why);
    }
    return file.get();
  }
}
