package dev.triagebot.bot.cli;

import dev.triagebot.bot.triage.CatalogFiles;
import dev.triagebot.classifier.catalog.SignatureCatalog;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import picocli.CommandLine.Option;

/** The {@code --catalog DIR} option of the classifier commands, as a picocli mixin. */
final class CatalogOption {
  /** The packaged catalog: it never changes while the jar runs, so it is read at most once. */
  private static CompletableFuture<SignatureCatalog> packaged;

  @Option(
      names = "--catalog",
      paramLabel = "DIR",
      description = "signature catalog directory (default: the one packaged in the jar)")
  Path directory;

  /**
   * Starts reading the packaged catalog on another thread. Called before picocli builds its model
   * of a command that will need it: the two each take about a third of {@code classify}'s start,
   * mostly loading classes, and on two cores they overlap.
   */
  static synchronized void readPackagedEarly() {
    if (packaged == null) {
      packaged = CompletableFuture.supplyAsync(() -> CatalogFiles.load(null));
    }
  }

  /** The catalog it names, loaded and validated; the packaged one without the option. */
  SignatureCatalog load() {
    if (directory != null) {
      return CatalogFiles.load(directory);
    }
    readPackagedEarly();
    try {
      return packaged.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException failure) {
        throw failure;
      }
      throw e;
    }
  }
}
