package dev.triagebot.classifier.catalog;

import java.util.List;

/**
 * Something a report must show to be the signature, established by any of its signals: e.g. "an MCP
 * server is involved" or "the authorization completed".
 *
 * @param name short identifier, e.g. {@code authorization-completed}
 * @param description one sentence saying what the facet establishes
 * @param signals the alternative ways reports show it
 */
public record Facet(String name, String description, List<Signal> signals) {
  public Facet {
    signals = List.copyOf(signals);
  }
}
