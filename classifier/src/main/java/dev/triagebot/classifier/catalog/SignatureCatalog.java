package dev.triagebot.classifier.catalog;

import dev.triagebot.classifier.text.IssueAnalyzer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The validated set of failure signatures. A catalog directory holds one {@code <id>.yml} per
 * signature, optionally its fitted weights {@code <id>.fitted.yml}, and its known instances and
 * look-alikes in {@code <id>/examples/*.jsonl}.
 */
public final class SignatureCatalog {
  static final String FITTED_SUFFIX = ".fitted.yml";
  static final String EXAMPLES_FOLDER = "/examples/";

  private final List<Signature> signatures;

  private SignatureCatalog(List<Signature> signatures) {
    this.signatures = List.copyOf(signatures);
  }

  /**
   * Loads and validates a catalog directory.
   *
   * @throws CatalogException naming the file, field and problem of the first invalid entry
   */
  public static SignatureCatalog load(Path directory) {
    return parse(sources(directory, directory.toString() + "/"));
  }

  /**
   * The catalog files of a directory as sources, sorted by path, each reported as {@code namePrefix
   * + path}.
   */
  public static List<CatalogSource> sources(Path directory, String namePrefix) {
    if (!Files.exists(directory)) {
      throw new CatalogException(directory.toString(), "(directory)", "does not exist");
    }
    if (!Files.isDirectory(directory)) {
      throw new CatalogException(
          directory.toString(),
          "(directory)",
          Files.exists(directory) ? "is not a directory" : "does not exist");
    }
    List<CatalogSource> sources = new ArrayList<>();
    try (Stream<Path> files = Files.walk(directory, 3)) {
      for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
        String path = directory.relativize(file).toString().replace('\\', '/');
        if (isCatalogFile(path)) {
          sources.add(
              new CatalogSource(
                  namePrefix + path, path, Files.readString(file, StandardCharsets.UTF_8)));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read catalog directory " + directory, e);
    }
    return sources;
  }

  /** Whether a path inside a catalog names one of its files: entries, fitted files, examples. */
  public static boolean isCatalogFile(String path) {
    boolean topLevel = !path.contains("/");
    return (topLevel && (path.endsWith(".yml") || path.endsWith(".yaml")))
        || (path.contains(EXAMPLES_FOLDER) && path.endsWith(".jsonl"));
  }

  /**
   * Parses and validates catalog files given as text.
   *
   * @throws CatalogException naming the file, field and problem of the first invalid entry, or when
   *     there are no signatures at all
   */
  public static SignatureCatalog parse(List<CatalogSource> sources) {
    Map<String, Signature> byId = new LinkedHashMap<>();
    Map<String, String> fileById = new HashMap<>();
    List<CatalogSource> fitted = new ArrayList<>();
    List<CatalogSource> examples = new ArrayList<>();
    try (IssueAnalyzer analyzer = new IssueAnalyzer()) {
      for (CatalogSource source : sources) {
        if (source.path().endsWith(FITTED_SUFFIX)) {
          fitted.add(source);
        } else if (source.path().contains("/")) {
          examples.add(source);
        } else {
          Signature signature = new CatalogReader(analyzer, source.name()).read(source.text());
          String earlier = fileById.putIfAbsent(signature.id(), source.name());
          if (earlier != null) {
            throw new CatalogException(
                source.name(), "id", "duplicate id '" + signature.id() + "', also in " + earlier);
          }
          byId.put(signature.id(), signature);
        }
      }
    }
    if (byId.isEmpty()) {
      throw new CatalogException("(catalog)", "(files)", "no signature files found");
    }
    Map<String, List<Exemplar>> exemplars = new HashMap<>();
    for (CatalogSource source : examples) {
      String id = source.path().substring(0, source.path().indexOf('/'));
      owner(byId, id, source);
      exemplars
          .computeIfAbsent(id, any -> new ArrayList<>())
          .addAll(ExemplarReader.read(source, id));
    }
    exemplars.forEach((id, known) -> byId.put(id, byId.get(id).withExemplars(known)));
    for (CatalogSource source : fitted) {
      String path = source.path();
      String id = path.substring(0, path.length() - FITTED_SUFFIX.length());
      Signature signature = owner(byId, id, source);
      byId.put(
          id,
          signature.withFitted(
              new FittedModelReader(source.name()).read(source.text(), signature)));
    }
    List<Signature> signatures = new ArrayList<>(byId.values());
    signatures.sort(Comparator.comparing(Signature::id));
    return new SignatureCatalog(signatures);
  }

  private static Signature owner(Map<String, Signature> byId, String id, CatalogSource source) {
    Signature signature = byId.get(id);
    if (signature == null) {
      throw new CatalogException(
          source.name(), "(file)", "belongs to no signature: there is no '" + id + ".yml'");
    }
    return signature;
  }

  public List<Signature> signatures() {
    return signatures;
  }

  public Optional<Signature> find(String id) {
    return signatures.stream().filter(s -> s.id().equals(id)).findFirst();
  }
}
