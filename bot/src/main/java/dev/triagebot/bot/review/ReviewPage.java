package dev.triagebot.bot.review;

import com.samskivert.mustache.Template;
import dev.triagebot.bot.repoconfig.ConfigProblem;
import dev.triagebot.bot.triage.Confidence;
import dev.triagebot.bot.triage.SafeMarkdown;
import dev.triagebot.bot.triage.Templates;
import dev.triagebot.classifier.match.Evidence;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders the review page and its sign-in form from {@code templates/review-page.html} and {@code
 * templates/review-login.html}; every value is HTML-escaped.
 */
public final class ReviewPage {
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  private static final String PAGE = "templates/review-page.html";
  private static final String LOGIN = "templates/review-login.html";
  private static final Pattern STYLE = Pattern.compile("<style>(.*?)</style>", Pattern.DOTALL);

  private final Template page = Templates.html(PAGE);
  private final Template login = Templates.html(LOGIN);
  private final String contentSecurityPolicy =
      "default-src 'none'; style-src "
          + styleHash(PAGE)
          + " "
          + styleHash(LOGIN)
          + "; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

  /**
   * The {@code Content-Security-Policy} for these pages: no script at all, only their own inline
   * style blocks (by hash), forms that post to this origin, and no framing.
   */
  public String contentSecurityPolicy() {
    return contentSecurityPolicy;
  }

  /**
   * The page: pending suggestions (reports that need a look among them) with their buttons, recent
   * decisions, statistics and the verdicts since each signature's last fit.
   *
   * @param queued the suggestion whose request the page just queued, to say so; empty otherwise
   */
  public String render(
      List<Suggestion> pending,
      List<Suggestion> decisions,
      ReviewStats stats,
      String formToken,
      String mode,
      Optional<Long> queued) {
    return render(pending, decisions, stats, formToken, mode, queued, List.of());
  }

  /** The page, led by the repository configuration files that are not in force and why. */
  public String render(
      List<Suggestion> pending,
      List<Suggestion> decisions,
      ReviewStats stats,
      String formToken,
      String mode,
      Optional<Long> queued,
      List<ConfigProblem> configProblems) {
    Map<String, Object> model = new HashMap<>();
    model.put("hasQueued", queued.isPresent());
    model.put("queued", queued.map(String::valueOf).orElse(""));
    model.put("hasConfigProblems", !configProblems.isEmpty());
    model.put(
        "configProblems",
        configProblems.stream()
            .map(
                p ->
                    Map.of(
                        "file", p.file(),
                        "line", p.line() > 0 ? "line " + p.line() : "whole file",
                        "problem", p.problem(),
                        "since", WHEN.format(p.since())))
            .toList());
    model.put("mode", mode);
    model.put("hasPending", !pending.isEmpty());
    model.put("pending", pending.stream().map(s -> pending(s, formToken)).toList());
    model.put("hasDecisions", !decisions.isEmpty());
    model.put("decisions", decisions.stream().map(ReviewPage::decision).toList());
    model.put("signatures", stats.signatures());
    model.put("labels", stats.labels());
    model.put("hasNeedsLook", !stats.needsLook().isEmpty());
    model.put("needsLook", stats.needsLook());
    model.put("hasSinceFit", !stats.sinceFit().isEmpty());
    model.put("sinceFit", stats.sinceFit());
    return page.execute(model);
  }

  /** The sign-in form; {@code failed} after a wrong token. */
  public String login(boolean failed) {
    return login.execute(Map.of("failed", failed));
  }

  private static Map<String, Object> pending(Suggestion s, String formToken) {
    Map<String, Object> row = issue(s);
    row.put("confidence", Confidence.percent(s.confidence()));
    row.put(
        "evidence",
        s.evidence().stream()
            .filter(e -> e.kind() != Evidence.Kind.EXCLUSION && e.matchedText() != null)
            .limit(5)
            .map(
                e -> Map.of("field", e.where(), "quote", SafeMarkdown.excerpt(e.matchedText(), 80)))
            .toList());
    row.put("labels", s.labels().stream().map(Suggestion.Label::name).toList());
    row.put("duplicateOf", s.duplicateOf() == null ? "" : "#" + s.duplicateOf());
    row.put("needsLook", s.needsLook());
    // A bearer client has no session, so no form token; its page has forms that cannot post.
    row.put("csrf", formToken == null ? "" : formToken);
    return row;
  }

  private static Map<String, Object> decision(Suggestion s) {
    Map<String, Object> row = issue(s);
    row.put("status", s.status().column());
    row.put("needsLook", s.needsLook());
    row.put("by", s.decidedBy() == null ? "" : s.decidedBy());
    row.put("reason", s.reason() == null ? "" : s.reason());
    row.put("when", s.decidedAt() == null ? "" : WHEN.format(s.decidedAt()));
    return row;
  }

  private static Map<String, Object> issue(Suggestion s) {
    Map<String, Object> row = new HashMap<>();
    row.put("id", s.id());
    row.put("repository", s.repository().fullName());
    row.put("number", s.issue().number());
    row.put("title", s.issueTitle());
    row.put(
        "url",
        s.issueUrl() == null
            ? "https://github.com/" + s.repository().fullName() + "/issues/" + s.issue().number()
            : s.issueUrl());
    row.put("signature", s.signatureId());
    return row;
  }

  /** The CSP source allowing the template's one inline style block, which is static text. */
  private static String styleHash(String name) {
    Matcher style = STYLE.matcher(Templates.text(name));
    if (!style.find()) {
      throw new IllegalStateException("no <style> block in " + name);
    }
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(style.group(1).getBytes(StandardCharsets.UTF_8));
      return "'sha256-" + Base64.getEncoder().encodeToString(digest) + "'";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
