package dev.triagebot.classifier.catalog;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The validated set of signatures. Being written; API stable. */
public final class SignatureCatalog {
  private final List<Signature> signatures;

  private SignatureCatalog(List<Signature> signatures) {
    this.signatures = List.copyOf(signatures);
  }

  /** Loads and validates every {@code *.yml} file of a directory. */
  public static SignatureCatalog load(Path directory) {
    throw new UnsupportedOperationException("being written");
  }

  /** Parses and validates catalog files given as text. */
  public static SignatureCatalog parse(List<CatalogSource> sources) {
    throw new UnsupportedOperationException("being written");
  }

  public List<Signature> signatures() {
    return signatures;
  }

  public Optional<Signature> find(String id) {
    return signatures.stream().filter(s -> s.id().equals(id)).findFirst();
  }
}
