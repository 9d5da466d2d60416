package dev.triagebot.bot.recovery;

import dev.triagebot.bot.github.AppHookDeliveries;
import dev.triagebot.bot.github.GitHubRejectedException;
import dev.triagebot.bot.github.GitHubUnavailableException;
import dev.triagebot.bot.github.HookDelivery;
import dev.triagebot.bot.queue.DeliveryLog;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks GitHub to redeliver the events it failed to deliver: GitHub never does so by itself, so an
 * event sent while the service was down is otherwise lost. Reads the App's delivery log back to
 * {@code lookback}, and for each event none of whose attempts succeeded, that the store does not
 * hold and that was never asked for, asks for it once, oldest first, at most {@code
 * maxRedeliveries} per run.
 */
public final class RedeliverySweep {
  private static final Logger log = LoggerFactory.getLogger(RedeliverySweep.class);

  private final AppHookDeliveries github;
  private final DeliveryLog stored;
  private final RedeliveryLog asked;
  private final RecoveryProperties settings;
  private final Clock clock;

  public RedeliverySweep(
      AppHookDeliveries github,
      DeliveryLog stored,
      RedeliveryLog asked,
      RecoveryProperties settings,
      Clock clock) {
    this.github = github;
    this.stored = stored;
    this.asked = asked;
    this.settings = settings;
    this.clock = clock;
  }

  /**
   * What one sweep did.
   *
   * @param pagesRead pages of the delivery log read
   * @param failedEvents events none of whose attempts in the log succeeded
   * @param redelivered events GitHub was asked to redeliver
   * @param refused events GitHub refused to redeliver (they are not asked for again)
   */
  public record Result(int pagesRead, int failedEvents, int redelivered, int refused) {}

  /**
   * Runs one sweep.
   *
   * @param keepGoing checked between requests; false stops the sweep where it is
   * @throws GitHubUnavailableException when GitHub cannot be reached; the next sweep starts over
   */
  public Result sweep(BooleanSupplier keepGoing) {
    Instant horizon = clock.instant().minus(settings.lookback());
    Set<String> succeeded = new HashSet<>();
    Map<String, HookDelivery> failed = new LinkedHashMap<>();
    String cursor = null;
    int pages = 0;
    boolean pastHorizon = false;
    do {
      AppHookDeliveries.Page page = github.page(cursor);
      pages++;
      for (HookDelivery attempt : page.deliveries()) {
        if (attempt.deliveredAt().isBefore(horizon)) {
          pastHorizon = true;
          break;
        }
        if (attempt.succeeded()) {
          succeeded.add(attempt.guid());
        } else {
          // Newest first: the first failed attempt seen of an event is its latest.
          failed.putIfAbsent(attempt.guid(), attempt);
        }
      }
      cursor = page.nextCursor();
    } while (cursor != null
        && !pastHorizon
        && pages < settings.maxPages()
        && keepGoing.getAsBoolean());
    failed.keySet().removeAll(succeeded);
    List<HookDelivery> oldestFirst =
        failed.values().stream().sorted(Comparator.comparing(HookDelivery::deliveredAt)).toList();
    int redelivered = 0;
    int refused = 0;
    for (HookDelivery attempt : oldestFirst) {
      if (redelivered >= settings.maxRedeliveries() || !keepGoing.getAsBoolean()) {
        break;
      }
      if (stored.contains(attempt.guid()) || !asked.claim(attempt)) {
        continue;
      }
      try {
        github.redeliver(attempt.id());
        redelivered++;
        log.info(
            "asked GitHub to redeliver {} {} (delivery {}, failed with {} at {})",
            attempt.event(),
            attempt.action() == null ? "" : attempt.action(),
            attempt.guid(),
            attempt.statusCode(),
            attempt.deliveredAt());
      } catch (GitHubUnavailableException unavailable) {
        asked.release(attempt.guid());
        throw unavailable;
      } catch (GitHubRejectedException rejected) {
        // E.g. 422 for a delivery too old to redeliver: asking again cannot help.
        asked.refused(attempt.guid(), rejected.getMessage());
        refused++;
        log.warn("GitHub refused to redeliver {}: {}", attempt.guid(), rejected.getMessage());
      }
    }
    return new Result(pages, failed.size(), redelivered, refused);
  }
}
