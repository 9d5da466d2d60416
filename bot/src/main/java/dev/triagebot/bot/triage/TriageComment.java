package dev.triagebot.bot.triage;

import com.samskivert.mustache.Template;
import dev.triagebot.classifier.match.Evidence;
import dev.triagebot.classifier.match.SignatureMatch;
import dev.triagebot.classifier.similar.DuplicateLink;
import dev.triagebot.classifier.similar.IndexedIssue;
import dev.triagebot.classifier.similar.LabelSuggestion;
import dev.triagebot.classifier.similar.MatchReason;
import java.io.Reader;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Renders the bot's one comment on an issue from the Markdown template {@code
 * templates/triage-comment.md}. Every {@code {{value}}} in the template goes through {@link
 * SafeMarkdown#inline}, so text from the issue can never ping, link or inject; only values built
 * here as Markdown (the marker, code spans, the reviewed catalog's checklist) use {@code
 * {{{raw}}}}.
 */
public final class TriageComment {
  static final String TEMPLATE = "templates/triage-comment.md";

  /** How many pieces of evidence the comment quotes, strongest first. */
  static final int EVIDENCE_SHOWN = 5;

  /** Longest quote from the issue, in characters. */
  static final int QUOTE_LIMIT = 80;

  private final Template template;

  private TriageComment(Template template) {
    this.template = template;
  }

  /** The comment rendered from the template packaged with the bot. */
  public static TriageComment fromClasspath() {
    return new TriageComment(Templates.markdown(TEMPLATE));
  }

  static TriageComment fromTemplate(Reader template) {
    return new TriageComment(Templates.markdown(template));
  }

  /**
   * The comment about a recognised signature.
   *
   * @param match the recognised signature and why
   * @param labelsApplied labels the bot applies (apply mode)
   * @param labelsSuggested labels for a maintainer to apply
   * @param duplicateOf the canonical issue to link, or null
   */
  public String render(
      SignatureMatch match,
      List<String> labelsApplied,
      List<String> labelsSuggested,
      Integer duplicateOf) {
    return render(match, labelsApplied, labelsSuggested, duplicateOf, List.of(), List.of());
  }

  /**
   * The comment about a recognised signature, with what similar past issues add.
   *
   * @param related similar issues to offer after the canonical one, each with its reason
   * @param historyLabels labels similar issues voted for, as suggestions naming the voters
   */
  public String render(
      SignatureMatch match,
      List<String> labelsApplied,
      List<String> labelsSuggested,
      Integer duplicateOf,
      List<DuplicateLink> related,
      List<LabelSuggestion> historyLabels) {
    return template.execute(
        model(match, labelsApplied, labelsSuggested, duplicateOf, related, historyLabels, null));
  }

  /**
   * The comment after its suggestion was withdrawn: no duplicate link, no suggested labels, and who
   * withdrew it, named without a mention.
   *
   * @param match the signature and evidence the comment was about
   * @param labelsApplied labels the bot applied that stay on the issue
   * @param withdrawal who withdrew it and how
   */
  public String renderWithdrawn(
      SignatureMatch match, List<String> labelsApplied, Withdrawal withdrawal) {
    // Withdrawn: no links and no suggestions of any kind, history's included.
    return template.execute(
        model(match, labelsApplied, List.of(), null, List.of(), List.of(), withdrawal));
  }

  private static Map<String, Object> model(
      SignatureMatch match,
      List<String> labelsApplied,
      List<String> labelsSuggested,
      Integer duplicateOf,
      List<DuplicateLink> related,
      List<LabelSuggestion> historyLabels,
      Withdrawal withdrawal) {
    Map<String, Object> model = new HashMap<>();
    model.put("related", related.stream().map(TriageComment::relatedLine).toList());
    model.put("hasRelated", !related.isEmpty());
    model.put("historyLabels", historyLabels.stream().map(TriageComment::votedLabel).toList());
    model.put("hasHistoryLabels", !historyLabels.isEmpty());
    model.put("marker", CommentMarker.forSignature(match.signature().id()));
    model.put("title", match.signature().title());
    model.put("confidence", Confidence.percent(match.confidence()));
    model.put("evidence", evidence(match.evidence()));
    model.put("checklist", match.signature().checklist().stream().map(SafeMarkdown::line).toList());
    model.put("hasChecklist", !match.signature().checklist().isEmpty());
    model.put("hasDuplicate", duplicateOf != null);
    model.put("duplicateOf", duplicateOf == null ? "" : duplicateOf.toString());
    model.put("appliedLabels", labelsApplied.stream().map(SafeMarkdown::codeSpan).toList());
    model.put("hasAppliedLabels", !labelsApplied.isEmpty());
    model.put("suggestedLabels", labelsSuggested.stream().map(SafeMarkdown::codeSpan).toList());
    model.put("hasSuggestedLabels", !labelsSuggested.isEmpty());
    model.put("withdrawn", withdrawal != null);
    model.put("rejected", withdrawal != null && withdrawal.kind() == Withdrawal.Kind.REJECTED);
    model.put("objected", withdrawal != null && withdrawal.kind() == Withdrawal.Kind.OBJECTED);
    // A login in a code span is shown, not linked: naming the person must not ping them.
    model.put("withdrawnBy", withdrawal == null ? "" : SafeMarkdown.codeSpan(withdrawal.by()));
    model.put("hasReason", withdrawal != null && !withdrawal.reason().isBlank());
    model.put(
        "reason", withdrawal == null ? "" : SafeMarkdown.excerpt(withdrawal.reason(), QUOTE_LIMIT));
    return model;
  }

  /**
   * {@code #N — reason}. The number is ours; the reason's quoted text from past issues goes into
   * code spans, where GitHub renders no mention, link or HTML.
   */
  private static Map<String, String> relatedLine(DuplicateLink link) {
    return Map.of(
        "number", Integer.toString(link.number()),
        "closed", link.state() == IndexedIssue.State.CLOSED ? " (closed)" : "",
        "reason", reason(link.reason()));
  }

  /** The reason in one line of Markdown, quotes as code spans. */
  static String reason(MatchReason reason) {
    return switch (reason.kind()) {
      case SIGNATURE -> "known issue " + quote(reason.excerpt());
      case SAME_ERROR_TEXT -> "same error text: " + quote(reason.excerpt());
      case SAME_LINE -> "same text: " + quote(reason.excerpt());
      case SHARED_TERMS ->
          "shared terms: "
              + reason.terms().stream().map(TriageComment::quote).collect(Collectors.joining(", "));
      case NOT_EXPLAINED -> "similar wording";
    };
  }

  private static String quote(String text) {
    return SafeMarkdown.codeSpan(SafeMarkdown.excerpt(text, QUOTE_LIMIT));
  }

  /** {@code `area:mcp` (suggested by similar issues #12, #40)}. */
  private static Map<String, String> votedLabel(LabelSuggestion suggestion) {
    return Map.of(
        "label",
        SafeMarkdown.codeSpan(suggestion.label()),
        "voters",
        suggestion.voters().stream().map(n -> "#" + n).collect(Collectors.joining(", ")));
  }

  /**
   * Supporting evidence only (an exclusion is not why we recognised it), one quote per text, and
   * only the reporter's own words: evidence without a field (every facet shown, closeness to known
   * reports) is the model's reasoning, for {@code /triage explain}, not a quote.
   */
  private static List<Map<String, String>> evidence(List<Evidence> evidence) {
    Set<String> quoted = new LinkedHashSet<>();
    return evidence.stream()
        .filter(e -> e.kind() != Evidence.Kind.EXCLUSION && e.weight() > 0)
        .filter(e -> e.field() != null && !e.field().isBlank())
        .filter(e -> e.matchedText() != null && !e.matchedText().isBlank())
        .filter(e -> quoted.add(e.field() + "\u0000" + e.matchedText().toLowerCase(Locale.ROOT)))
        .limit(EVIDENCE_SHOWN)
        .map(
            e ->
                Map.of(
                    "field", e.field(),
                    "quote", SafeMarkdown.excerpt(e.matchedText(), QUOTE_LIMIT)))
        .toList();
  }
}
