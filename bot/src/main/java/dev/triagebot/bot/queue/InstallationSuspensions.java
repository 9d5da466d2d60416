package dev.triagebot.bot.queue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Installations whose credentials GitHub keeps refusing (401, or a 403 that is no rate limit, even
 * with a freshly minted token): suspended, uninstalled or stripped of a permission. Their jobs are
 * deferred, not parked, until a back-off has passed and a job of theirs succeeds again (or an
 * {@code installation unsuspend} event lifts it). Kept in memory: after a restart the first job
 * simply finds out again.
 */
@Component
public class InstallationSuspensions {
  private static final Logger log = LoggerFactory.getLogger(InstallationSuspensions.class);

  /** Refusals in a row, each after a fresh token, that suspend an installation. */
  static final int REFUSALS_TO_SUSPEND = 2;

  private final Duration initialPause;
  private final Duration maxPause;
  private final Clock clock;
  private final Map<Long, Refusals> refusals = new ConcurrentHashMap<>();

  /** With the queue's breaker pauses as back-off: 30 s, doubling up to 10 min by default. */
  @Autowired
  public InstallationSuspensions(QueueProperties settings, Clock clock) {
    this(settings.breakerInitialPause(), settings.breakerMaxPause(), clock);
  }

  public InstallationSuspensions(Duration initialPause, Duration maxPause, Clock clock) {
    this.initialPause = initialPause;
    this.maxPause = maxPause;
    this.clock = clock;
  }

  /** Until when the installation's jobs wait, if it is suspended and the back-off still runs. */
  public Optional<Instant> suspendedUntil(long installationId) {
    Refusals known = refusals.get(installationId);
    if (known == null || known.until == null || !clock.instant().isBefore(known.until)) {
      return Optional.empty();
    }
    return Optional.of(known.until);
  }

  /**
   * GitHub refused the installation's credentials once more.
   *
   * @return when its jobs may be tried again
   */
  public Instant refused(long installationId, String error) {
    Instant now = clock.instant();
    Refusals updated =
        refusals.compute(
            installationId,
            (id, known) -> {
              int count = known == null ? 1 : known.count + 1;
              if (count < REFUSALS_TO_SUSPEND) {
                return new Refusals(count, null, initialPause);
              }
              Duration pause =
                  known == null || known.until == null
                      ? initialPause
                      : min(known.pause.multipliedBy(2), maxPause);
              return new Refusals(count, now.plus(pause), pause);
            });
    if (updated.until == null) {
      return now.plus(initialPause);
    }
    if (updated.count == REFUSALS_TO_SUSPEND) {
      log.warn(
          "installation {} SUSPENDED by the bot: GitHub refused its credentials {} times in a row"
              + " ({}); its jobs wait, and are tried again from {}",
          installationId,
          updated.count,
          error,
          updated.until);
    }
    return updated.until;
  }

  /** A job of the installation went through: its credentials work. */
  public void succeeded(long installationId) {
    Refusals known = refusals.remove(installationId);
    if (known != null && known.count >= REFUSALS_TO_SUSPEND) {
      log.info("installation {} works again: its jobs run as usual", installationId);
    }
  }

  /**
   * GitHub says the installation was suspended: its jobs wait without trying, for the back-off,
   * then one probes (an {@code unsuspend} event may come to another replica, or be lost).
   */
  public void suspendedOnGitHub(long installationId) {
    Instant until = clock.instant().plus(initialPause);
    refusals.put(installationId, new Refusals(REFUSALS_TO_SUSPEND, until, initialPause));
    log.warn(
        "installation {} suspended on GitHub; its jobs wait, and are tried again from {}",
        installationId,
        until);
  }

  /** GitHub says the installation was unsuspended: its jobs may run at once. */
  public void unsuspended(long installationId) {
    succeeded(installationId);
  }

  /** The suspended installations and until when, for health. */
  public Map<String, Object> details() {
    Map<String, Object> details = new LinkedHashMap<>();
    Instant now = clock.instant();
    refusals.forEach(
        (id, known) -> {
          if (known.until != null) {
            details.put(
                String.valueOf(id),
                now.isBefore(known.until) ? "suspended until " + known.until : "probing");
          }
        });
    return details;
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private record Refusals(int count, Instant until, Duration pause) {}
}
