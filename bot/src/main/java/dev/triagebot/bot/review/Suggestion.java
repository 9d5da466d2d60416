package dev.triagebot.bot.review;

import dev.triagebot.bot.issue.IssueRef;
import dev.triagebot.bot.issue.RepositoryRef;
import dev.triagebot.classifier.match.Evidence;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * One suggestion the bot made on an issue, and what became of it.
 *
 * @param id the row id
 * @param issue where it was made
 * @param issueTitle the issue's title then
 * @param issueUrl the issue's page
 * @param issueAuthor who opened the issue
 * @param signatureId the recognised signature
 * @param confidence its confidence
 * @param score its raw score
 * @param evidence what fired, strongest first
 * @param duplicateOf the canonical issue linked, or null
 * @param commentId the bot's comment, or null when none was posted (dry-run, needs a look)
 * @param needsLook whether it is no public suggestion but a report too thin to decide, listed for a
 *     maintainer's look only: no comment, its labels only suggested
 * @param status what became of it
 * @param decidedBy who decided it, or null
 * @param decidedAt when, or null
 * @param reason the reason given, or null
 * @param createdAt when it was made
 * @param labels its labels and what became of each
 */
public record Suggestion(
    long id,
    IssueRef issue,
    String issueTitle,
    String issueUrl,
    String issueAuthor,
    String signatureId,
    double confidence,
    double score,
    List<Evidence> evidence,
    Integer duplicateOf,
    Long commentId,
    boolean needsLook,
    SuggestionStatus status,
    String decidedBy,
    Instant decidedAt,
    String reason,
    Instant createdAt,
    List<Label> labels) {

  public Suggestion {
    evidence = List.copyOf(evidence);
    labels = List.copyOf(labels);
  }

  /**
   * One label of a suggestion.
   *
   * @param name the label
   * @param botApplied whether the bot put it on the issue (so a reject takes it off)
   * @param outcome what became of it
   */
  public record Label(String name, boolean botApplied, SuggestionStatus outcome) {}

  /** The repository, as GitHub is reached for it. */
  public RepositoryRef repository() {
    return issue.repository();
  }

  /** Labels the bot put on the issue itself. */
  public List<String> botAppliedLabels() {
    return labels.stream().filter(Label::botApplied).map(Label::name).toList();
  }

  /** Labels suggested and not (yet) applied by the bot. */
  public List<String> labelsToApply() {
    return labels.stream().filter(l -> !l.botApplied()).map(Label::name).toList();
  }

  /** The label of this name, compared ignoring case as GitHub does. */
  public java.util.Optional<Label> label(String name) {
    String wanted = name.toLowerCase(Locale.ROOT);
    return labels.stream()
        .filter(l -> l.name().toLowerCase(Locale.ROOT).equals(wanted))
        .findFirst();
  }
}
