package dev.triagebot.bot.github;

import dev.triagebot.bot.issue.RepositoryRef;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Reads a repository's labels at most once per job: triage needs them twice (so that similar issues
 * never suggest a label the repository lacks, and right before labelling), and they do not change
 * in the seconds between. Outside a job every read goes to GitHub.
 *
 * <p>A job is bound to its worker thread, so the memo is too; it is dropped when the job ends, so a
 * label a maintainer creates counts from the next job on.
 */
public final class RepositoryLabelsPerJob {
  private final ThreadLocal<Map<RepositoryRef, Set<String>>> job = new ThreadLocal<>();

  /** Runs one job; a job started inside another shares the outer one's labels. */
  public void during(Runnable work) {
    if (job.get() != null) {
      work.run();
      return;
    }
    job.set(new HashMap<>());
    try {
      work.run();
    } finally {
      job.remove();
    }
  }

  /** {@code github}, reading each repository's labels once in the job under way. */
  public GitHubOperations memoising(GitHubOperations github) {
    return new ForwardingGitHubOperations(github) {
      @Override
      public Set<String> repositoryLabels(RepositoryRef repository) {
        Map<RepositoryRef, Set<String>> read = job.get();
        return read == null
            ? super.repositoryLabels(repository)
            : read.computeIfAbsent(repository, super::repositoryLabels);
      }
    };
  }
}
