package dev.triagebot.bot.issue;

import java.util.Locale;

/**
 * What counts as a bot account, in one place: GitHub's user {@code type} says {@code Bot}, or the
 * login carries the {@code [bot]} suffix GitHub gives every App (payloads that omit the type, such
 * as some reaction listings, still name an App that way).
 */
public final class Accounts {
  private Accounts() {}

  /**
   * Whether the account is a bot.
   *
   * @param type GitHub's {@code user.type}; null when the payload does not say
   * @param login the account's login; null when unknown
   */
  public static boolean isBot(String type, String login) {
    return "Bot".equalsIgnoreCase(type)
        || (login != null && login.toLowerCase(Locale.ROOT).endsWith("[bot]"));
  }
}
