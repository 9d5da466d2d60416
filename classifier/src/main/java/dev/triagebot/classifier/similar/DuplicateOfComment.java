package dev.triagebot.classifier.similar;

import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the target of a "Duplicate of #N" comment, the convention GitHub itself recognises, from a
 * comment's text. The REST API reports {@code state_reason: duplicate} but not the target, so this
 * is how a backfill and the {@code issue_comment} events learn it.
 */
public final class DuplicateOfComment {
  // Only at the start of a line, as GitHub requires, so "not a duplicate of #12" does not count.
  private static final Pattern DUPLICATE_OF =
      Pattern.compile(
          "(?im)^\\s*duplicate\\s+of\\s+(?:#|https://github\\.com/([\\w.-]+/[\\w.-]+)/issues/)(\\d+)\\b");

  private DuplicateOfComment() {}

  /**
   * The issue a comment says this one duplicates, in the same repository.
   *
   * @param repository {@code owner/name} of the commented issue; links into other repositories are
   *     ignored
   */
  public static OptionalInt target(String commentBody, String repository) {
    if (commentBody == null) {
      return OptionalInt.empty();
    }
    Matcher matcher = DUPLICATE_OF.matcher(commentBody);
    while (matcher.find()) {
      String linkedRepository = matcher.group(1);
      if (linkedRepository == null || linkedRepository.equalsIgnoreCase(repository)) {
        return OptionalInt.of(Integer.parseInt(matcher.group(2)));
      }
    }
    return OptionalInt.empty();
  }
}
