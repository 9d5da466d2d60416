package dev.triagebot.bot.cli;

import dev.triagebot.bot.triage.CatalogFiles;
import dev.triagebot.classifier.catalog.SignatureCatalog;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --catalog DIR} option of the classifier commands, as a picocli mixin. */
final class CatalogOption {
  @Option(
      names = "--catalog",
      paramLabel = "DIR",
      description = "signature catalog directory (default: the one packaged in the jar)")
  Path directory;

  /** The catalog it names, loaded and validated; the packaged one without the option. */
  SignatureCatalog load() {
    return CatalogFiles.load(directory);
  }
}
