package dev.triagebot.bot.setup;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code state} values of the manifest flow: drawn at random for each {@code /setup} page,
 * redeemed at most once, within the hour GitHub's code lives. The page is open to anyone until the
 * App exists, so at most {@value #MAX_OPEN} are kept (the oldest go first).
 */
public final class SetupStates {
  static final Duration LIFETIME = Duration.ofHours(1);
  static final int MAX_OPEN = 64;

  private final SecureRandom random = new SecureRandom();
  private final Map<String, Instant> open = new LinkedHashMap<>();
  private final Clock clock;

  public SetupStates(Clock clock) {
    this.clock = clock;
  }

  /** A new state, valid for {@link #LIFETIME}. */
  public synchronized String issue() {
    byte[] bytes = new byte[24];
    random.nextBytes(bytes);
    String state = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    Iterator<String> oldest = open.keySet().iterator();
    while (open.size() >= MAX_OPEN) {
      oldest.next();
      oldest.remove();
    }
    open.put(state, clock.instant().plus(LIFETIME));
    return state;
  }

  /** Whether the state was issued here and is still valid; either way it cannot be used again. */
  public synchronized boolean redeem(String state) {
    if (state == null) {
      return false;
    }
    Instant expires = open.remove(state);
    return expires != null && clock.instant().isBefore(expires);
  }
}
