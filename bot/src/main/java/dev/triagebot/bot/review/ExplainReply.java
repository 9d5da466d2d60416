package dev.triagebot.bot.review;

import com.samskivert.mustache.Template;
import dev.triagebot.bot.triage.Confidence;
import dev.triagebot.bot.triage.SafeMarkdown;
import dev.triagebot.bot.triage.Templates;
import dev.triagebot.bot.triage.TriagePolicy;
import dev.triagebot.classifier.match.Evidence;
import dev.triagebot.classifier.match.SignatureMatch;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The reply to {@code /triage explain}, from the template {@code templates/triage-explain.md}: per
 * signature that scored, its confidence, raw score, thresholds and evidence. Text from the issue
 * goes through {@link SafeMarkdown#inline}, as in the triage comment.
 */
public final class ExplainReply {
  static final String TEMPLATE = "templates/triage-explain.md";
  private static final int SIGNATURES_SHOWN = 3;
  private static final int QUOTE_LIMIT = 80;

  private final Template template;
  private final TriagePolicy policy;

  private ExplainReply(Template template, TriagePolicy policy) {
    this.template = template;
    this.policy = policy;
  }

  /** The reply rendered from the template packaged with the bot. */
  public static ExplainReply fromClasspath(TriagePolicy policy) {
    return new ExplainReply(Templates.markdown(TEMPLATE), policy);
  }

  /**
   * The explanation of these matches.
   *
   * @param recognisedId the signature the bot's comment is about, or null
   */
  public String render(List<SignatureMatch> matches, String recognisedId) {
    List<Map<String, Object>> shown =
        matches.stream()
            .filter(m -> m.score() > 0)
            .sorted(Comparator.comparingDouble(SignatureMatch::confidence).reversed())
            .limit(SIGNATURES_SHOWN)
            .map(m -> signature(m, recognisedId))
            .toList();
    Map<String, Object> model = new HashMap<>();
    model.put("hasMatches", !shown.isEmpty());
    model.put("matches", shown);
    return template.execute(model);
  }

  private Map<String, Object> signature(SignatureMatch match, String recognisedId) {
    Map<String, Object> model = new HashMap<>();
    model.put("title", match.signature().title());
    model.put("id", SafeMarkdown.codeSpan(match.signature().id()));
    model.put("confidence", Confidence.percent(match.confidence()));
    model.put("score", String.format(Locale.ROOT, "%.2f", match.score()));
    model.put("suggestFloor", Confidence.percent(policy.suggestFloor(match.signature())));
    model.put("applyFloor", Confidence.percent(policy.applyFloor(match.signature())));
    model.put("recognised", match.signature().id().equals(recognisedId));
    model.put(
        "evidence",
        match.evidence().stream()
            .filter(e -> e.matchedText() != null && !e.matchedText().isBlank())
            .map(ExplainReply::evidence)
            .toList());
    return model;
  }

  private static Map<String, String> evidence(Evidence evidence) {
    return Map.of(
        "kind", evidence.kind().name().toLowerCase(Locale.ROOT),
        "signal", SafeMarkdown.codeSpan(evidence.signal()),
        "field", evidence.where(),
        "quote", SafeMarkdown.excerpt(evidence.matchedText(), QUOTE_LIMIT),
        "weight", String.format(Locale.ROOT, "%+.2f", evidence.weight()));
  }
}
