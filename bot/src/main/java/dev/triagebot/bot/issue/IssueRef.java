package dev.triagebot.bot.issue;

import java.util.Objects;

/**
 * One issue of a repository.
 *
 * @param repository where the issue lives
 * @param number the issue number
 */
public record IssueRef(RepositoryRef repository, int number) {
  public IssueRef {
    Objects.requireNonNull(repository, "repository");
    if (number <= 0) {
      throw new IllegalArgumentException("issue numbers start at 1: " + number);
    }
  }

  @Override
  public String toString() {
    return repository + "#" + number;
  }
}
