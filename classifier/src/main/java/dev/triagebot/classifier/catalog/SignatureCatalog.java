package dev.triagebot.classifier.catalog;

import dev.triagebot.classifier.match.IssueAnalyzer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** The validated set of failure signatures, one per catalog file. */
public final class SignatureCatalog {
  private final List<Signature> signatures;

  private SignatureCatalog(List<Signature> signatures) {
    this.signatures = List.copyOf(signatures);
  }

  /**
   * Loads and validates every {@code *.yml} / {@code *.yaml} file of a directory.
   *
   * @throws CatalogException naming the file, field and problem of the first invalid entry
   */
  public static SignatureCatalog load(Path directory) {
    return parse(sources(directory, directory.toString() + "/"));
  }

  /**
   * The {@code *.yml} / {@code *.yaml} files of a directory as sources, sorted by name, each
   * reported as {@code namePrefix + fileName}.
   */
  public static List<CatalogSource> sources(Path directory, String namePrefix) {
    if (!Files.isDirectory(directory)) {
      throw new CatalogException(
          directory.toString(),
          "(directory)",
          Files.exists(directory) ? "is not a directory" : "does not exist");
    }
    List<CatalogSource> sources = new ArrayList<>();
    try (Stream<Path> files = Files.list(directory)) {
      for (Path file : files.filter(SignatureCatalog::isYaml).sorted().toList()) {
        sources.add(
            new CatalogSource(
                namePrefix + file.getFileName(), Files.readString(file, StandardCharsets.UTF_8)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read catalog directory " + directory, e);
    }
    return sources;
  }

  /**
   * Parses and validates catalog files given as text.
   *
   * @throws CatalogException naming the file, field and problem of the first invalid entry, or when
   *     there are no signatures at all
   */
  public static SignatureCatalog parse(List<CatalogSource> sources) {
    if (sources.isEmpty()) {
      throw new CatalogException("(catalog)", "(files)", "no signature files found");
    }
    List<Signature> signatures = new ArrayList<>();
    Map<String, String> fileById = new HashMap<>();
    try (IssueAnalyzer analyzer = new IssueAnalyzer()) {
      for (CatalogSource source : sources) {
        Signature signature = new CatalogReader(analyzer, source.name()).read(source.yaml());
        String earlier = fileById.putIfAbsent(signature.id(), source.name());
        if (earlier != null) {
          throw new CatalogException(
              source.name(), "id", "duplicate id '" + signature.id() + "', also in " + earlier);
        }
        signatures.add(signature);
      }
    }
    signatures.sort(Comparator.comparing(Signature::id));
    return new SignatureCatalog(signatures);
  }

  private static boolean isYaml(Path file) {
    String name = file.getFileName().toString();
    return Files.isRegularFile(file) && (name.endsWith(".yml") || name.endsWith(".yaml"));
  }

  public List<Signature> signatures() {
    return signatures;
  }

  public Optional<Signature> find(String id) {
    return signatures.stream().filter(s -> s.id().equals(id)).findFirst();
  }
}
