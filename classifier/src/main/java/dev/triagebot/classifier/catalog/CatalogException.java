package dev.triagebot.classifier.catalog;

/** A catalog file that cannot be used, naming the file, the field and the problem. */
public final class CatalogException extends RuntimeException {
  private final String file;
  private final String field;
  private final String problem;

  public CatalogException(String file, String field, String problem) {
    super(file + ": " + field + ": " + problem);
    this.file = file;
    this.field = field;
    this.problem = problem;
  }

  public String file() {
    return file;
  }

  public String field() {
    return field;
  }

  public String problem() {
    return problem;
  }
}
