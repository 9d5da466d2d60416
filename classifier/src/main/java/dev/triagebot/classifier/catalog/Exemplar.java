package dev.triagebot.classifier.catalog;

/**
 * A report known to be an instance of a signature, or known to be a look-alike that is not: the
 * signature's own examples in {@code config/signatures/<id>/examples/}, written by the team.
 *
 * @param id the record's id, shown when the issue is found to be close to it
 * @param title its title
 * @param body its body
 * @param instance true for an instance of the signature, false for a look-alike
 */
public record Exemplar(String id, String title, String body, boolean instance) {}
