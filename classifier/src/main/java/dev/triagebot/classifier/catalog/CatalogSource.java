package dev.triagebot.classifier.catalog;

/**
 * The text of one catalog file and the name it is reported under, so that a catalog can come from a
 * directory, a jar or a test alike.
 *
 * @param name how messages name the file, e.g. {@code config/signatures/x.yml}
 * @param path the file's path inside the catalog, with {@code /} separators: {@code x.yml}, {@code
 *     x.fitted.yml}, {@code x/examples/reports.jsonl}
 * @param text the file's content
 */
public record CatalogSource(String name, String path, String text) {

  /** A file at the top of the catalog, named by its file name. */
  public CatalogSource(String name, String text) {
    this(name, name.substring(name.lastIndexOf('/') + 1), text);
  }
}
