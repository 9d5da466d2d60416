package dev.triagebot.bot.index;

import dev.triagebot.classifier.similar.IssueIndex;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The similar-issue index of each repository, under {@code <data-dir>/index/<owner>/<name>}, opened
 * the first time it is needed and closed with the application. Lucene lets one process write an
 * index: the running service holds them all.
 */
public final class RepositoryIndexes implements AutoCloseable {
  // GitHub's own rules for owner and repository names; anything else could escape the directory.
  private static final Pattern FULL_NAME =
      Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})/[A-Za-z0-9._-]{1,100}");

  private final Path root;
  private final Map<String, IssueIndex> open = new ConcurrentHashMap<>();
  private volatile boolean closed;

  /**
   * @param dataDir {@code triage.data-dir}
   */
  public RepositoryIndexes(Path dataDir) {
    this.root = dataDir.resolve("index");
  }

  /**
   * The index of {@code owner/name}, opened (or created empty) if it is not open yet.
   *
   * @throws IllegalArgumentException when the name is not a GitHub repository name
   */
  public IssueIndex forRepository(String fullName) {
    if (closed) {
      throw new IllegalStateException("the similar-issue indexes are closed");
    }
    String key = key(fullName);
    return open.computeIfAbsent(key, unused -> IssueIndex.open(directory(key)));
  }

  /** Where the index of {@code owner/name} lives. */
  public Path directory(String fullName) {
    String key = key(fullName);
    int slash = key.indexOf('/');
    return root.resolve(key.substring(0, slash)).resolve(key.substring(slash + 1));
  }

  private static String key(String fullName) {
    if (fullName == null
        || !FULL_NAME.matcher(fullName).matches()
        || fullName.endsWith("/.")
        || fullName.endsWith("/..")) {
      throw new IllegalArgumentException("not a repository name (owner/name): " + fullName);
    }
    // GitHub names are case-insensitive: one index per repository, whatever the spelling.
    return fullName.toLowerCase(java.util.Locale.ROOT);
  }

  @Override
  public void close() {
    closed = true;
    RuntimeException failure = null;
    for (IssueIndex index : open.values()) {
      try {
        index.close();
      } catch (RuntimeException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    open.clear();
    if (failure != null) {
      throw failure;
    }
  }
}
