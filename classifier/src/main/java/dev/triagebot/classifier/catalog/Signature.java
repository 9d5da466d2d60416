package dev.triagebot.classifier.catalog;

import java.util.List;

/**
 * One known failure signature from the catalog: what it is, the evidence that identifies it, and
 * what the bot asks the reporter to check.
 *
 * @param id stable identifier, e.g. {@code mcp-oauth-token-not-honored}
 * @param title one-line human title
 * @param canonicalIssue the issue number that duplicates are linked to
 * @param labels labels the signature implies, e.g. {@code area:auth}
 * @param evidence the signals, required context and exclusions the matcher evaluates
 * @param thresholds confidence levels for matching and for applying labels
 * @param checklist Markdown items the reporter is asked to follow, in order
 * @param source the catalog file this entry was loaded from, for error messages
 */
public record Signature(
    String id,
    String title,
    int canonicalIssue,
    List<String> labels,
    SignatureEvidence evidence,
    Thresholds thresholds,
    List<String> checklist,
    String source) {
  public Signature {
    labels = List.copyOf(labels);
    checklist = List.copyOf(checklist);
  }
}
