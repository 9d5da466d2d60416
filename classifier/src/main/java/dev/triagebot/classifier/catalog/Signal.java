package dev.triagebot.classifier.catalog;

import java.util.List;
import org.apache.lucene.search.Query;

/**
 * One piece of evidence a signature looks for: a Lucene query over the fields and how much
 * its presence says.
 *
 * @param name what the signal means, shown to maintainers as the reason, e.g. {@code
 *     auth-reported-successful}
 * @param query the query as written in the catalog (Lucene classic syntax: phrases, slop, OR)
 * @param weight in (0,1]: how sure this signal alone makes its facet (or, for an exclusion, how
 *     sure it alone makes the report a different bug)
 * @param fields the issue fields it is evaluated on ({@code title}, {@code body})
 * @param compiled the parsed query, over the text (title and body, kept apart by a position
 *     gap so that no phrase spans both)
 */
public record Signal(
    String name, String query, double weight, List<String> fields, Query compiled) {
  public Signal {
    fields = List.copyOf(fields);
  }
}
