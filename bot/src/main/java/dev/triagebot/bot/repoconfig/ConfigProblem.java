package dev.triagebot.bot.repoconfig;

import java.time.Instant;

/**
 * Why a repository's configuration file is not in force, as {@code /review} shows it.
 *
 * @param file the file, e.g. {@code octo/app/.github/triage-bot.yml}
 * @param line the line at fault, from 1; 0 when the problem is the file as a whole
 * @param problem what is wrong
 * @param since when the bot first read this version
 */
public record ConfigProblem(String file, int line, String problem, Instant since) {

  /** {@code file:line: problem}, as logged and shown. */
  @Override
  public String toString() {
    return file + (line > 0 ? ":" + line : "") + ": " + problem;
  }
}
