package dev.triagebot.bot.triage;

import dev.triagebot.bot.github.IssueRef;
import dev.triagebot.bot.github.RepositoryRef;
import dev.triagebot.classifier.catalog.Signature;
import dev.triagebot.classifier.match.SignatureMatch;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The triage decision, pure: an issue event, the matcher's matches and the policy give a {@link
 * TriagePlan}. No I/O, no GitHub, no notion of dry-run.
 *
 * <p>One signature per issue: the recognised one is the most confident match that reaches its
 * effective suggest threshold; its labels, checklist and canonical issue make up the plan.
 */
public final class DecideTriage {
  /** Actions after which the bot may have commented before, so a stale comment must go. */
  private static final Set<String> MAY_HAVE_COMMENTED =
      Set.of("edited", "reopened", IssueEvent.RERUN);

  private final TriagePolicy policy;
  private final TriageComment comment;

  public DecideTriage(TriagePolicy policy, TriageComment comment) {
    this.policy = Objects.requireNonNull(policy, "policy");
    this.comment = Objects.requireNonNull(comment, "comment");
  }

  /** The plan for this issue event. */
  public TriagePlan decide(IssueEvent event, List<SignatureMatch> matches) {
    IssueSnapshot issue = event.issue();
    IssueRef ref =
        new IssueRef(new RepositoryRef(issue.installationId(), issue.repository()), issue.number());
    List<MatchScore> scores = matches.stream().map(MatchScore::of).toList();

    if (issue.pullRequest()) {
      return TriagePlan.skip(ref, event.action(), "a pull request", scores);
    }
    if (issue.authorIsBot()) {
      return TriagePlan.skip(ref, event.action(), "opened by a bot", scores);
    }
    if ("closed".equals(issue.state())) {
      return TriagePlan.skip(ref, event.action(), "closed", scores);
    }

    SignatureMatch recognised =
        matches.stream()
            .filter(m -> m.matched() && m.confidence() >= policy.suggestFloor(m.signature()))
            .max(Comparator.comparingDouble(SignatureMatch::confidence))
            .orElse(null);
    if (recognised == null) {
      CommentAction stale =
          MAY_HAVE_COMMENTED.contains(event.action())
              ? CommentAction.delete()
              : CommentAction.none();
      return new TriagePlan(
          ref, event.action(), null, scores, null, List.of(), List.of(), null, stale);
    }

    Signature signature = recognised.signature();
    List<String> missing = lacking(signature.labels(), issue.labels());
    boolean apply =
        policy.appliesLabels() && recognised.confidence() >= policy.applyFloor(signature);
    List<String> toAdd = apply ? missing : List.of();
    List<String> suggested = apply ? List.of() : missing;
    // Never link an issue to itself: the canonical report matches its own signature.
    Integer duplicateOf =
        signature.canonicalIssue() > 0 && signature.canonicalIssue() != issue.number()
            ? signature.canonicalIssue()
            : null;
    String body = comment.render(recognised, toAdd, suggested, duplicateOf);
    return new TriagePlan(
        ref,
        event.action(),
        null,
        scores,
        signature.id(),
        toAdd,
        suggested,
        duplicateOf,
        CommentAction.post(body));
  }

  /** The signature's labels the issue does not have; GitHub compares label names ignoring case. */
  private static List<String> lacking(List<String> wanted, List<String> present) {
    Set<String> have =
        present.stream().map(l -> l.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    return wanted.stream().filter(l -> !have.contains(l.toLowerCase(Locale.ROOT))).toList();
  }
}
