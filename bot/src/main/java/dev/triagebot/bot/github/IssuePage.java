package dev.triagebot.bot.github;

import java.time.Instant;
import java.util.List;

/**
 * One page of a repository's issues, as {@code GET /repos/{owner}/{repo}/issues} lists them.
 *
 * @param items every item of the page, pull requests included (GitHub lists them as issues)
 * @param rateRemaining {@code x-ratelimit-remaining} of the answer, or -1 when absent
 * @param rateReset {@code x-ratelimit-reset} of the answer, or null when absent
 * @param lastPage the number of the listing's last page from the {@code Link} header ({@code
 *     rel="last"}), or 0 when GitHub gave none (on the last page itself)
 */
public record IssuePage(
    List<IssueJson.Read> items, int rateRemaining, Instant rateReset, int lastPage) {
  public IssuePage {
    items = List.copyOf(items);
  }

  /** The last page named by a {@code Link} header value; 0 when it names none. */
  public static int lastPage(String link) {
    return LinkHeader.lastPage(link);
  }
}
