package dev.triagebot.bot.issue;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A repository as the bot reaches it: through which App installation, and its {@code owner/name}.
 *
 * @param installationId the GitHub App installation covering the repository; 0 in token mode
 * @param fullName {@code owner/name}
 */
public record RepositoryRef(long installationId, String fullName) {
  private static final Pattern OWNER_SLASH_NAME =
      Pattern.compile("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+");

  public RepositoryRef {
    Objects.requireNonNull(fullName, "fullName");
    if (!OWNER_SLASH_NAME.matcher(fullName).matches()) {
      throw new IllegalArgumentException("not an owner/name repository: " + fullName);
    }
  }

  @Override
  public String toString() {
    return fullName;
  }
}
