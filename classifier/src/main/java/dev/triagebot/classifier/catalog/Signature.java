package dev.triagebot.classifier.catalog;

import java.util.List;
import java.util.Optional;

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
 * @param fitted the weights fitted on labelled reports, if the signature has a fitted file; without
 *     one the matcher uses the hand weights of the entry
 * @param exemplars the signature's known instances and look-alikes
 */
public record Signature(
    String id,
    String title,
    int canonicalIssue,
    List<String> labels,
    SignatureEvidence evidence,
    Thresholds thresholds,
    List<String> checklist,
    String source,
    Optional<FittedModel> fitted,
    List<Exemplar> exemplars) {
  public Signature {
    labels = List.copyOf(labels);
    checklist = List.copyOf(checklist);
    exemplars = List.copyOf(exemplars);
  }

  /** An entry with hand weights only and no examples. */
  public Signature(
      String id,
      String title,
      int canonicalIssue,
      List<String> labels,
      SignatureEvidence evidence,
      Thresholds thresholds,
      List<String> checklist,
      String source) {
    this(
        id,
        title,
        canonicalIssue,
        labels,
        evidence,
        thresholds,
        checklist,
        source,
        Optional.empty(),
        List.of());
  }

  /**
   * This entry with fitted weights; the fitted threshold becomes the match threshold, and the apply
   * threshold never sits below it.
   */
  public Signature withFitted(FittedModel model) {
    Thresholds fittedThresholds =
        new Thresholds(model.threshold(), Math.max(thresholds.apply(), model.threshold()));
    return new Signature(
        id,
        title,
        canonicalIssue,
        labels,
        evidence,
        fittedThresholds,
        checklist,
        source,
        Optional.of(model),
        exemplars);
  }

  public Signature withExemplars(List<Exemplar> known) {
    return new Signature(
        id, title, canonicalIssue, labels, evidence, thresholds, checklist, source, fitted, known);
  }
}
