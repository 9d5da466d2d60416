package dev.triagebot.bot.triage;

import dev.triagebot.classifier.similar.DuplicateLink;
import dev.triagebot.classifier.similar.LabelSuggestion;
import java.util.List;

/**
 * What the repository's past issues add to a recognised issue's comment: the link policy's links
 * and the labels similar issues voted for.
 *
 * @param consulted whether the similar-issue index was asked; when not, the signature's canonical
 *     issue is linked as the catalog names it
 * @param links the link policy's links, the signature's canonical issue (or the root of its
 *     duplicate chain) first; never the issue itself, a cycle, or a declined issue
 * @param labels labels similar issues voted for that exist in the repository, strongest first
 */
public record HistoryHints(
    boolean consulted, List<DuplicateLink> links, List<LabelSuggestion> labels) {
  /** Nothing from history: no index, or it was not asked. */
  public static final HistoryHints NONE = new HistoryHints(false, List.of(), List.of());

  public HistoryHints {
    links = List.copyOf(links);
    labels = List.copyOf(labels);
  }
}
