package dev.triagebot.bot.triage;

import dev.triagebot.classifier.catalog.CatalogSource;
import dev.triagebot.classifier.catalog.SignatureCatalog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Where the signature catalog comes from: a directory named by {@code triage.catalog-dir}, or else
 * the reviewed catalog packaged in the jar under {@code config/signatures}. Works with or without a
 * running Spring context, so the command line starts fast.
 */
public final class CatalogFiles {
  private static final String PACKAGED = "classpath:config/signatures/*.y*ml";

  private CatalogFiles() {}

  /** Loads and validates the catalog; {@code directory} may be null for the packaged one. */
  public static SignatureCatalog load(Path directory) {
    return directory != null
        ? SignatureCatalog.load(directory)
        : SignatureCatalog.parse(packaged());
  }

  private static List<CatalogSource> packaged() {
    try {
      Resource[] resources = new PathMatchingResourcePatternResolver().getResources(PACKAGED);
      List<CatalogSource> sources = new ArrayList<>();
      for (Resource resource :
          Arrays.stream(resources).sorted(Comparator.comparing(Resource::getFilename)).toList()) {
        sources.add(
            new CatalogSource(
                "config/signatures/" + resource.getFilename(),
                resource.getContentAsString(StandardCharsets.UTF_8)));
      }
      return sources;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the packaged signature catalog", e);
    }
  }
}
