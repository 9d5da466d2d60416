package dev.triagebot.bot.index;

import dev.triagebot.bot.triage.RepositoryName;
import dev.triagebot.classifier.similar.IssueIndex;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The similar-issue index of each repository, under {@code <data-dir>/index/<owner>/<name>}, opened
 * the first time it is needed and closed with the application. Lucene lets one writer hold an index
 * directory: holders in one JVM (e.g. two application contexts) share it, counted, and the last one
 * to close closes it; another process gets a clear refusal.
 */
public final class RepositoryIndexes implements AutoCloseable {
  private static final Map<Path, Shared> SHARED = new java.util.HashMap<>();

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
    return open.computeIfAbsent(key, unused -> acquire(directory(key)));
  }

  /**
   * Lets go of the repository's index, e.g. one a failed rebuild closed; the next {@link
   * #forRepository} opens it afresh from its last commit.
   */
  public void discard(String fullName) {
    IssueIndex index = open.remove(key(fullName));
    if (index != null) {
      release(index);
    }
  }

  /** Where the index of {@code owner/name} lives. */
  public Path directory(String fullName) {
    String key = key(fullName);
    int slash = key.indexOf('/');
    return root.resolve(key.substring(0, slash)).resolve(key.substring(slash + 1));
  }

  private static String key(String fullName) {
    if (!RepositoryName.isValid(fullName)) {
      throw new IllegalArgumentException("not a repository name (owner/name): " + fullName);
    }
    // GitHub names are case-insensitive: one index per repository, whatever the spelling.
    return fullName.toLowerCase(java.util.Locale.ROOT);
  }

  private static IssueIndex acquire(Path directory) {
    Path where = directory.toAbsolutePath().normalize();
    synchronized (SHARED) {
      Shared shared = SHARED.get(where);
      if (shared == null) {
        shared = new Shared(IssueIndex.open(where));
        SHARED.put(where, shared);
      }
      shared.holders++;
      return shared.index;
    }
  }

  private static void release(IssueIndex index) {
    synchronized (SHARED) {
      for (Map.Entry<Path, Shared> entry : SHARED.entrySet()) {
        if (entry.getValue().index == index) {
          if (--entry.getValue().holders == 0) {
            SHARED.remove(entry.getKey());
            index.close();
          }
          return;
        }
      }
    }
  }

  /** An open index and how many holders use it. */
  private static final class Shared {
    private final IssueIndex index;
    private int holders;

    Shared(IssueIndex index) {
      this.index = index;
    }
  }

  @Override
  public void close() {
    closed = true;
    RuntimeException failure = null;
    for (IssueIndex index : open.values()) {
      try {
        release(index);
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
