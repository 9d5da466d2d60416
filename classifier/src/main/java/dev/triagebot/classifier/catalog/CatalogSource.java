package dev.triagebot.classifier.catalog;

/**
 * The text of one catalog file and the name it is reported under, so that a catalog can come from a
 * directory, a jar or a test alike.
 */
public record CatalogSource(String name, String yaml) {}
