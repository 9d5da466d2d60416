package dev.triagebot.bot.triage;

import dev.triagebot.classifier.catalog.Signature;
import java.util.Objects;

/**
 * What the deployment lets the bot do, and from which confidence. A signature's own thresholds
 * apply where they are stricter than the global ones.
 *
 * @param mode what the bot may do on GitHub
 * @param suggestThreshold global confidence from which a signature is reported and its labels
 *     suggested
 * @param applyThreshold global confidence from which labels are applied in apply mode
 */
public record TriagePolicy(TriageMode mode, double suggestThreshold, double applyThreshold) {
  public TriagePolicy {
    Objects.requireNonNull(mode, "mode");
    if (applyThreshold < suggestThreshold) {
      throw new IllegalArgumentException(
          "triage.thresholds.apply (%s) is below triage.thresholds.suggest (%s): labels would be applied to issues not even recognised"
              .formatted(applyThreshold, suggestThreshold));
    }
  }

  /** The policy for the resolved mode and the configured global thresholds. */
  public static TriagePolicy from(TriageMode mode, GlobalThresholds thresholds) {
    return new TriagePolicy(mode, thresholds.suggest(), thresholds.apply());
  }

  /**
   * This policy narrowed by what a repository asks: its mode when lower, its thresholds when higher
   * (the apply floor never below the suggest floor). A repository can never widen it.
   */
  public TriagePolicy within(RepositoryPolicy repository) {
    double suggest =
        Math.max(
            suggestThreshold,
            repository.suggestThreshold() == null ? 0 : repository.suggestThreshold());
    double apply =
        Math.max(
            Math.max(applyThreshold, suggest),
            repository.applyThreshold() == null ? 0 : repository.applyThreshold());
    return new TriagePolicy(repository.cap(mode), suggest, apply);
  }

  /** The confidence from which this signature is reported: the stricter of global and own. */
  public double suggestFloor(Signature signature) {
    return signature.thresholds() == null
        ? suggestThreshold
        : Math.max(suggestThreshold, signature.thresholds().match());
  }

  /** The confidence from which this signature's labels are applied, in apply mode. */
  public double applyFloor(Signature signature) {
    return signature.thresholds() == null
        ? applyThreshold
        : Math.max(applyThreshold, signature.thresholds().apply());
  }

  /** Whether labels may be applied without a maintainer. */
  public boolean appliesLabels() {
    return mode == TriageMode.APPLY;
  }
}
