package dev.triagebot.bot.repoconfig;

import dev.triagebot.bot.github.GitHubOperations;
import dev.triagebot.bot.github.GitHubRejectedException;
import dev.triagebot.bot.github.GitHubUnavailableException;
import dev.triagebot.bot.github.RepositoryFile;
import dev.triagebot.bot.issue.RepositoryRef;
import dev.triagebot.bot.triage.RepositoryPolicies;
import dev.triagebot.bot.triage.RepositoryPolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Each repository's configuration, as Probot reads one: the repository's own {@value #PATH}, else
 * its owner's default in the {@code .github} repository at the same path, else the defaults.
 *
 * <p>Files are cached in the store with GitHub's ETag and read again, conditionally, once {@code
 * recheck-after} has passed (a 304 costs no rate limit) or at once, unconditionally, after a push
 * changed them. A version that does not validate is never used: the last good text stays in force,
 * and the problem (file, line, what) is logged, audited and listed for {@code /review}.
 */
public final class RepositoryConfigs implements RepositoryPolicies {
  private static final Logger log = LoggerFactory.getLogger(RepositoryConfigs.class);

  /** Where a repository keeps its configuration, and an organisation its default. */
  public static final String PATH = ".github/triage-bot.yml";

  /** The repository of an owner that holds its defaults, as for GitHub's community files. */
  public static final String DEFAULTS_REPOSITORY = ".github";

  private final ConfigFileStore store;
  private final Supplier<Optional<GitHubOperations>> github;
  private final RepositoryConfigParser parser;
  private final Duration recheckAfter;
  private final Clock clock;
  private final Executor refreshes;

  /**
   * @param github GitHub, when credentials are configured; without, only the cache is used
   * @param parser validates files against the catalog
   * @param recheckAfter how long a file read is used before GitHub is asked again
   * @param refreshes where the reads a push asks for run, off the webhook's thread
   */
  public RepositoryConfigs(
      JdbcClient jdbc,
      Clock clock,
      Supplier<Optional<GitHubOperations>> github,
      RepositoryConfigParser parser,
      Duration recheckAfter,
      Executor refreshes) {
    this.store = new ConfigFileStore(jdbc, clock);
    this.github = Objects.requireNonNull(github, "github");
    this.parser = Objects.requireNonNull(parser, "parser");
    this.recheckAfter = Objects.requireNonNull(recheckAfter, "recheckAfter");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.refreshes = Objects.requireNonNull(refreshes, "refreshes");
  }

  @Override
  public RepositoryPolicy forRepository(RepositoryRef repository) {
    Optional<GitHubOperations> gitHub = github.get();
    RepositoryPolicy own = inForce(current(repository, gitHub));
    if (own != null) {
      return own;
    }
    RepositoryRef defaults = defaultsOf(repository);
    if (!defaults.fullName().equalsIgnoreCase(repository.fullName())) {
      RepositoryPolicy organisation = inForce(current(defaults, gitHub));
      if (organisation != null) {
        return organisation;
      }
    }
    return RepositoryPolicy.DEFAULTS;
  }

  /**
   * A push changed the file in this repository's default branch. Called in the delivery's
   * transaction, so the mark is never lost: the next read of the file skips the ETag.
   */
  public void fileChanged(String repository) {
    store.markStale(repository);
  }

  /**
   * Reads the file again soon, off the caller's thread, so that a bad version shows on {@code
   * /review} before an issue needs it. Best effort: if the read fails or is refused for lack of
   * room, the mark left by {@link #fileChanged} makes the next use read it.
   */
  public void refreshSoon(RepositoryRef repository) {
    Optional<GitHubOperations> gitHub = github.get();
    if (gitHub.isEmpty()) {
      return;
    }
    try {
      refreshes.execute(
          () -> {
            try {
              current(repository, gitHub);
            } catch (RuntimeException failure) {
              log.warn(
                  "could not read {}/{} after a push; it is read when next needed: {}",
                  repository,
                  PATH,
                  failure.getMessage());
            }
          });
    } catch (RejectedExecutionException busy) {
      log.info("{}/{} is read when next needed (refresh queue full)", repository, PATH);
    }
  }

  /** Files whose newest version is not in force, with the reason, for {@code /review}. */
  public List<ConfigProblem> problems() {
    return store.problems();
  }

  /** The owner's {@code .github} repository, through the same installation. */
  static RepositoryRef defaultsOf(RepositoryRef repository) {
    String owner = repository.fullName().substring(0, repository.fullName().indexOf('/'));
    return new RepositoryRef(repository.installationId(), owner + "/" + DEFAULTS_REPOSITORY);
  }

  private RepositoryPolicy inForce(Optional<CachedConfigFile> file) {
    if (file.isEmpty() || !file.get().present() || file.get().goodText() == null) {
      return null;
    }
    String source = file.get().repository() + "/" + PATH;
    // Valid when stored; read again since the catalog may have changed since (a signature gone).
    if (parser.parse(source, file.get().goodText()) instanceof RepositoryConfigParser.Valid valid) {
      return valid.policy();
    }
    return null;
  }

  /** The cached file, read from GitHub first when due. */
  private Optional<CachedConfigFile> current(
      RepositoryRef repository, Optional<GitHubOperations> gitHub) {
    Optional<CachedConfigFile> cached = store.find(repository.fullName());
    if (gitHub.isEmpty()) {
      return cached;
    }
    if (cached.isPresent()
        && !cached.get().stale()
        && clock.instant().isBefore(cached.get().checkedAt().plus(recheckAfter))) {
      return cached;
    }
    return Optional.of(read(repository, cached.orElse(null), gitHub.get()));
  }

  private CachedConfigFile read(
      RepositoryRef repository, CachedConfigFile cached, GitHubOperations gitHub) {
    String name = repository.fullName();
    String file = name + "/" + PATH;
    Instant now = clock.instant();
    boolean conditional = cached != null && cached.present() && !cached.stale();
    RepositoryFile answer;
    try {
      answer = gitHub.readFile(repository, PATH, conditional ? cached.etag() : null);
    } catch (GitHubUnavailableException unavailable) {
      if (cached == null) {
        throw unavailable;
      }
      log.debug("{}: GitHub unavailable, the cached version stays in use", file);
      return cached;
    } catch (GitHubRejectedException refused) {
      return refused(repository, cached, refused, now);
    }
    CachedConfigFile read;
    if (answer instanceof RepositoryFile.Found found) {
      read = found(repository, cached, found, now);
    } else if (answer instanceof RepositoryFile.Unchanged && cached != null) {
      read =
          new CachedConfigFile(
              name,
              repository.installationId(),
              true,
              cached.etag(),
              cached.goodText(),
              cached.problem(),
              now,
              false);
    } else if (answer instanceof RepositoryFile.Absent) {
      if (cached == null || cached.present()) {
        store.audit(name, PATH, "absent", null, null);
      }
      read =
          new CachedConfigFile(
              name, repository.installationId(), false, null, null, null, now, false);
    } else {
      throw new GitHubUnavailableException(
          "read " + file + ": GitHub answered 304 to an unconditional request", null, null);
    }
    store.save(read);
    return read;
  }

  private CachedConfigFile found(
      RepositoryRef repository, CachedConfigFile cached, RepositoryFile.Found found, Instant now) {
    String name = repository.fullName();
    String file = name + "/" + PATH;
    String lastGood = cached != null && cached.present() ? cached.goodText() : null;
    RepositoryConfigParser.Parsed parsed = parser.parse(file, found.text());
    if (parsed instanceof RepositoryConfigParser.Invalid invalid) {
      ConfigProblem problem = new ConfigProblem(file, invalid.line(), invalid.problem(), now);
      ConfigProblem known = cached == null ? null : cached.problem();
      if (known != null
          && known.line() == problem.line()
          && known.problem().equals(problem.problem())) {
        problem = known;
      } else {
        log.warn(
            "{}; {} stays in force",
            problem,
            lastGood == null ? "the default configuration" : "its last valid version");
        store.audit(name, PATH, "invalid", problem, found.etag());
      }
      return new CachedConfigFile(
          name, repository.installationId(), true, found.etag(), lastGood, problem, now, false);
    }
    if (!found.text().equals(lastGood) || (cached != null && cached.problem() != null)) {
      log.info("{}: configuration loaded", file);
      store.audit(name, PATH, "loaded", null, found.etag());
    }
    return new CachedConfigFile(
        name, repository.installationId(), true, found.etag(), found.text(), null, now, false);
  }

  /**
   * GitHub refuses the read (403 without {@code contents: read}, or no file but something else at
   * the path): the cached state stays in force, and the refusal is shown like a bad file.
   */
  private CachedConfigFile refused(
      RepositoryRef repository,
      CachedConfigFile cached,
      GitHubRejectedException refused,
      Instant now) {
    String name = repository.fullName();
    ConfigProblem problem =
        new ConfigProblem(
            name + "/" + PATH,
            0,
            "GitHub refused to read it ("
                + refused.status()
                + (refused.status() == 403
                    ? "): the App needs the contents: read permission on this repository"
                    : "): " + refused.getMessage()),
            now);
    ConfigProblem known = cached == null ? null : cached.problem();
    if (known == null || !known.problem().equals(problem.problem())) {
      log.warn("{}; the cached version stays in force", problem);
      store.audit(name, PATH, "refused", problem, null);
    } else {
      problem = known;
    }
    CachedConfigFile kept =
        cached == null
            ? new CachedConfigFile(
                name, repository.installationId(), false, null, null, problem, now, false)
            : new CachedConfigFile(
                name,
                repository.installationId(),
                cached.present(),
                cached.etag(),
                cached.goodText(),
                problem,
                now,
                false);
    store.save(kept);
    return kept;
  }
}
