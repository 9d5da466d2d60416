package dev.triagebot.bot.github;

import java.net.URI;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads GitHub's {@code Link} header ({@code <https://…&page=2>; rel="next", <…&page=5>;
 * rel="last"}), by which every REST listing says where its other pages are.
 */
final class LinkHeader {
  private static final Pattern PART = Pattern.compile("<([^>]*)>\\s*;\\s*rel=\"([^\"]*)\"");
  private static final Pattern PAGE = Pattern.compile("[?&]page=(\\d+)");

  private LinkHeader() {}

  /** The link with this relation ({@code next}, {@code last}), if the header names one. */
  static Optional<URI> find(String header, String relation) {
    if (header == null) {
      return Optional.empty();
    }
    Matcher part = PART.matcher(header);
    while (part.find()) {
      for (String rel : part.group(2).trim().split("\\s+")) {
        if (rel.equals(relation)) {
          return Optional.of(URI.create(part.group(1).trim()));
        }
      }
    }
    return Optional.empty();
  }

  /** The next page of the listing; empty on its last page. */
  static Optional<URI> next(String header) {
    return find(header, "next");
  }

  /** The number of the listing's last page; 0 when the header names none. */
  static int lastPage(String header) {
    return find(header, "last")
        .map(
            last ->
                PAGE.matcher(
                    String.valueOf(last.getRawQuery() == null ? "" : "?" + last.getRawQuery())))
        .filter(Matcher::find)
        .map(page -> Integer.parseInt(page.group(1)))
        .orElse(0);
  }
}
