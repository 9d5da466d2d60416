package dev.triagebot.bot.triage;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What one repository asks of the bot (its {@code .github/triage-bot.yml}, or its organisation's
 * default): a policy input to {@link DecideTriage} that can only ever narrow what the deployment's
 * {@link TriagePolicy} allows — a lower mode, higher thresholds, fewer signatures, fewer authors.
 *
 * @param source where it was read, e.g. {@code octo/app/.github/triage-bot.yml}; named in skip
 *     reasons. {@value #DEFAULTS_SOURCE} when the repository has no file
 * @param enabled false to leave every issue of the repository alone
 * @param mode the most the repository allows; null for whatever the deployment allows
 * @param signaturesOff signature ids the repository turned off
 * @param labelRenames the repository's name for a catalog label, keyed by the catalog's name in
 *     lower case (GitHub compares label names ignoring case)
 * @param suggestThreshold a confidence floor for reporting a signature; null for none. It only ever
 *     raises the deployment's and the signature's floors
 * @param applyThreshold a confidence floor for applying labels; null for none. Raise only, too
 * @param skipAuthors logins whose issues are left alone, in lower case
 * @param skipAssociations GitHub author associations ({@code OWNER}, {@code MEMBER}, ...) whose
 *     issues are left alone, in upper case
 */
public record RepositoryPolicy(
    String source,
    boolean enabled,
    TriageMode mode,
    Set<String> signaturesOff,
    Map<String, String> labelRenames,
    Double suggestThreshold,
    Double applyThreshold,
    Set<String> skipAuthors,
    Set<String> skipAssociations) {

  /** The source named when a repository has no configuration file. */
  public static final String DEFAULTS_SOURCE = "the defaults";

  /** A repository without a file: everything as the deployment says. */
  public static final RepositoryPolicy DEFAULTS =
      new RepositoryPolicy(
          DEFAULTS_SOURCE, true, null, Set.of(), Map.of(), null, null, Set.of(), Set.of());

  public RepositoryPolicy {
    Objects.requireNonNull(source, "source");
    signaturesOff = Set.copyOf(signaturesOff);
    labelRenames =
        labelRenames.entrySet().stream()
            .collect(
                Collectors.toUnmodifiableMap(
                    e -> e.getKey().toLowerCase(Locale.ROOT), Map.Entry::getValue));
    skipAuthors =
        skipAuthors.stream()
            .map(login -> login.toLowerCase(Locale.ROOT))
            .collect(Collectors.toUnmodifiableSet());
    skipAssociations =
        skipAssociations.stream()
            .map(association -> association.toUpperCase(Locale.ROOT))
            .collect(Collectors.toUnmodifiableSet());
  }

  /** The same policy, named as coming from another file. */
  public RepositoryPolicy from(String otherSource) {
    return new RepositoryPolicy(
        otherSource,
        enabled,
        mode,
        signaturesOff,
        labelRenames,
        suggestThreshold,
        applyThreshold,
        skipAuthors,
        skipAssociations);
  }

  /** The mode for this repository: the deployment's, or the repository's when that is lower. */
  public TriageMode cap(TriageMode deployment) {
    return mode == null || mode.compareTo(deployment) >= 0 ? deployment : mode;
  }

  /** The repository's name for a catalog label: its rename, else the label itself. */
  public String rename(String label) {
    return labelRenames.getOrDefault(label.toLowerCase(Locale.ROOT), label);
  }

  /** Why an issue by this author is left alone; null when it is not. */
  public String skipReason(String login, String association) {
    if (!enabled) {
      return "disabled by " + source;
    }
    if (login != null && skipAuthors.contains(login.toLowerCase(Locale.ROOT))) {
      return "author " + login + " is skipped by " + source;
    }
    if (association != null && skipAssociations.contains(association.toUpperCase(Locale.ROOT))) {
      return "author association "
          + association.toUpperCase(Locale.ROOT)
          + " is skipped by "
          + source;
    }
    return null;
  }
}
