package dev.triagebot.bot.archfixture.first;

import dev.triagebot.bot.archfixture.second.Second;

/** Half of a deliberate package cycle that the architecture rules must reject. */
public final class First {
  public Second next() {
    return new Second();
  }
}
