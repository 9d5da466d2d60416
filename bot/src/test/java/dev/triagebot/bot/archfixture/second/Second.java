package dev.triagebot.bot.archfixture.second;

import dev.triagebot.bot.archfixture.first.First;

/** The other half of the deliberate package cycle: it imports back the package that imports it. */
public final class Second {
  public First back() {
    return new First();
  }
}
