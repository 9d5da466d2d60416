package dev.triagebot.bot.triage;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * GitHub's rules for a repository's full name, {@code owner/name}, in one place: ingress refuses
 * other names and the similar-issue index never turns one into a directory.
 */
public final class RepositoryName {
  // Owner: letters, digits and hyphens, up to 39; name: letters, digits, '.', '_' and '-', up to
  // 100, never "." or "..". Anything else could escape a directory or name no repository.
  private static final Pattern FULL_NAME =
      Pattern.compile("[A-Za-z0-9-]{1,39}/(?!\\.{1,2}$)[A-Za-z0-9._-]{1,100}");

  private RepositoryName() {}

  /** Whether {@code fullName} is a repository name GitHub could have given. */
  public static boolean isValid(String fullName) {
    return fullName != null && FULL_NAME.matcher(fullName).matches();
  }

  /** What is wrong with {@code fullName}, in words safe to send back; empty when it is valid. */
  public static Optional<String> problem(String fullName) {
    if (fullName == null || fullName.isEmpty()) {
      return Optional.of("missing");
    }
    return isValid(fullName)
        ? Optional.empty()
        : Optional.of(
            "must be owner/name (owner: letters, digits, '-', up to 39; name: letters, digits,"
                + " '.', '_', '-', up to 100, not '.' or '..')");
  }
}
