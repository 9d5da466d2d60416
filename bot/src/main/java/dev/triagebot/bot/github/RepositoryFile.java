package dev.triagebot.bot.github;

/** A file of a repository's default branch, as the contents API answers a conditional read. */
public sealed interface RepositoryFile {

  /**
   * The file, changed since the ETag given (or read for the first time).
   *
   * @param text its content, decoded as UTF-8
   * @param etag GitHub's validator for this version, to send back as {@code If-None-Match}
   */
  record Found(String text, String etag) implements RepositoryFile {}

  /** Unchanged since the ETag given: GitHub answered 304, which costs no rate limit. */
  record Unchanged() implements RepositoryFile {}

  /** No such file, or the repository is not there for this installation: GitHub answered 404. */
  record Absent() implements RepositoryFile {}
}
