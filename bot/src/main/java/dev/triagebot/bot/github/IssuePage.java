package dev.triagebot.bot.github;

import dev.triagebot.bot.index.IssueJson;
import java.time.Instant;
import java.util.List;

/**
 * One page of a repository's issues, as {@code GET /repos/{owner}/{repo}/issues} lists them.
 *
 * @param items every item of the page, pull requests included (GitHub lists them as issues)
 * @param rateRemaining {@code x-ratelimit-remaining} of the answer, or -1 when absent
 * @param rateReset {@code x-ratelimit-reset} of the answer, or null when absent
 */
public record IssuePage(List<IssueJson.Read> items, int rateRemaining, Instant rateReset) {
  public IssuePage {
    items = List.copyOf(items);
  }
}
