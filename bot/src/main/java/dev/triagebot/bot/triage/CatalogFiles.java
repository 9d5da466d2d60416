package dev.triagebot.bot.triage;

import dev.triagebot.classifier.catalog.CatalogSource;
import dev.triagebot.classifier.catalog.SignatureCatalog;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Where the signature catalog comes from: a directory named by {@code triage.catalog-dir}, or else
 * the reviewed catalog packaged in the jar under {@code config/signatures}. Plain JDK code, without
 * Spring's resource scanning, whose class loading and logging set-up cost the command line more
 * than half a second.
 */
public final class CatalogFiles {
  private static final String PACKAGED = "config/signatures/";

  private CatalogFiles() {}

  /** Loads and validates the catalog; {@code directory} may be null for the packaged one. */
  public static SignatureCatalog load(Path directory) {
    return directory != null
        ? SignatureCatalog.load(directory)
        : SignatureCatalog.parse(packaged());
  }

  private static List<CatalogSource> packaged() {
    URL root = CatalogFiles.class.getClassLoader().getResource(PACKAGED);
    if (root == null) {
      throw new IllegalStateException("no packaged signature catalog: " + PACKAGED + " is missing");
    }
    try {
      return root.getProtocol().equals("jar") ? fromJar(root) : fromDirectory(root);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the packaged signature catalog", e);
    }
  }

  /** Built classes or an exploded jar: the catalog is a directory. */
  private static List<CatalogSource> fromDirectory(URL root) {
    try {
      return SignatureCatalog.sources(Path.of(root.toURI()), PACKAGED);
    } catch (URISyntaxException e) {
      throw new IllegalStateException("unreadable catalog location " + root, e);
    }
  }

  /** The runnable jar: the catalog is a set of entries under one prefix. */
  private static List<CatalogSource> fromJar(URL root) throws IOException {
    JarURLConnection connection = (JarURLConnection) root.openConnection();
    // A connection of our own, so closing its jar leaves the class loader's alone.
    connection.setUseCaches(false);
    String prefix = connection.getEntryName();
    List<CatalogSource> sources = new ArrayList<>();
    try (JarFile jar = connection.getJarFile()) {
      for (JarEntry entry : Collections.list(jar.entries())) {
        String name = entry.getName();
        String file = name.substring(Math.min(prefix.length(), name.length()));
        if (name.startsWith(prefix) && SignatureCatalog.isCatalogFile(file)) {
          try (InputStream in = jar.getInputStream(entry)) {
            sources.add(
                new CatalogSource(
                    PACKAGED + file, file, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
          }
        }
      }
    }
    sources.sort(Comparator.comparing(CatalogSource::name));
    return sources;
  }
}
