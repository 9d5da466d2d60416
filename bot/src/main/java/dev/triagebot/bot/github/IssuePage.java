package dev.triagebot.bot.github;

import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
  private static final Pattern LAST_PAGE =
      Pattern.compile("[?&]page=(\\d+)[^>]*>;\\s*rel=\"last\"");

  public IssuePage {
    items = List.copyOf(items);
  }

  /** The last page named by a {@code Link} header value; 0 when it names none. */
  public static int lastPage(String link) {
    if (link == null) {
      return 0;
    }
    for (String part : link.split(",")) {
      Matcher last = LAST_PAGE.matcher(part);
      if (last.find()) {
        return Integer.parseInt(last.group(1));
      }
    }
    return 0;
  }
}
