package dev.triagebot.bot.triage;

import dev.triagebot.bot.issue.IssueRef;
import dev.triagebot.bot.issue.IssueSnapshot;
import dev.triagebot.bot.issue.RepositoryRef;
import dev.triagebot.classifier.catalog.Signature;
import dev.triagebot.classifier.match.SignatureMatch;
import dev.triagebot.classifier.similar.DuplicateLink;
import dev.triagebot.classifier.similar.LabelSuggestion;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

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

  /** Actions that come on their own, not from a maintainer: they never undo a maintainer. */
  private static final Set<String> AUTOMATIC_AGAIN = Set.of("edited", "reopened");

  private final TriagePolicy policy;
  private final TriageComment comment;

  public DecideTriage(TriagePolicy policy, TriageComment comment) {
    this.policy = Objects.requireNonNull(policy, "policy");
    this.comment = Objects.requireNonNull(comment, "comment");
  }

  /** The plan for this issue event, from the catalog alone. */
  public TriagePlan decide(IssueEvent event, List<SignatureMatch> matches) {
    return decide(TriageFacts.of(event, matches));
  }

  /** {@link #recognise(IssueEvent, List, RepositoryPolicy)} for a repository without a file. */
  public Optional<SignatureMatch> recognise(IssueEvent event, List<SignatureMatch> matches) {
    return recognise(event, matches, RepositoryPolicy.DEFAULTS);
  }

  /** The mode plans of this repository are carried out in: never above the deployment's. */
  public TriageMode mode(RepositoryPolicy repository) {
    return policy.within(repository).mode();
  }

  /**
   * The signature the plan will be about, before history is asked: none for issues left alone (pull
   * requests, bots' issues, closed ones) or when nothing reaches its threshold. Only then is the
   * history worth asking.
   */
  public Optional<SignatureMatch> recognise(
      IssueEvent event, List<SignatureMatch> matches, RepositoryPolicy repository) {
    IssueSnapshot issue = event.issue();
    if (issue.pullRequest()
        || issue.authorIsBot()
        || "closed".equals(issue.state())
        || repository.skipReason(issue.author(), issue.authorAssociation()) != null) {
      return Optional.empty();
    }
    return best(matches, policy.within(repository), repository);
  }

  /**
   * The plan for these facts. History only ever accompanies a recognised signature: a similar issue
   * alone is too weak a guess to comment on. An edit or a reopening that recognises the signature a
   * maintainer rejected (or someone objected to) is held back until a maintainer's rerun. The
   * repository's policy may lower the mode, raise thresholds, turn signatures off, rename labels
   * and leave some authors alone.
   */
  public TriagePlan decide(TriageFacts facts) {
    IssueEvent event = facts.event();
    List<SignatureMatch> matches = facts.matches();
    HistoryHints history = facts.history();
    RepositoryPolicy repository = facts.repository();
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
    String skipped = repository.skipReason(issue.author(), issue.authorAssociation());
    if (skipped != null) {
      return TriagePlan.skip(ref, event.action(), skipped, scores);
    }
    TriagePolicy narrowed = policy.within(repository);

    SignatureMatch recognised = best(matches, narrowed, repository).orElse(null);
    if (recognised == null) {
      CommentAction stale =
          MAY_HAVE_COMMENTED.contains(event.action())
              ? CommentAction.delete()
              : CommentAction.none();
      return new TriagePlan(
          ref, event.action(), null, scores, null, List.of(), List.of(), null, stale);
    }

    Signature signature = recognised.signature();
    Optional<PriorVerdict> withdrawn =
        facts.prior().filter(p -> p.withdrawn() && p.signatureId().equals(signature.id()));
    if (withdrawn.isPresent() && AUTOMATIC_AGAIN.contains(event.action())) {
      return TriagePlan.skip(
          ref,
          event.action(),
          "its suggestion of "
              + signature.id()
              + " was "
              + withdrawn.get().outcome().column()
              + "; a maintainer's /triage rerun classifies it again",
          scores);
    }
    List<String> missing =
        issue.lacking(signature.labels().stream().map(repository::rename).distinct().toList());
    boolean apply =
        narrowed.appliesLabels() && recognised.confidence() >= narrowed.applyFloor(signature);
    List<String> toAdd = apply ? missing : List.of();
    List<String> suggested = apply ? List.of() : missing;
    Integer duplicateOf = canonical(signature, issue, history);
    List<DuplicateLink> related =
        history.links().stream()
            .filter(link -> link.role() == DuplicateLink.Role.SIMILAR)
            .filter(link -> link.number() != issue.number())
            .filter(link -> !Objects.equals(link.number(), duplicateOf))
            .toList();
    Set<String> offered =
        Stream.concat(toAdd.stream(), suggested.stream())
            .map(l -> l.toLowerCase(Locale.ROOT))
            .collect(Collectors.toSet());
    List<LabelSuggestion> historyLabels =
        history.labels().stream()
            .filter(s -> !offered.contains(s.label().toLowerCase(Locale.ROOT)))
            .filter(s -> issue.lacking(List.of(s.label())).size() == 1)
            .toList();
    String body = comment.render(recognised, toAdd, suggested, duplicateOf, related, historyLabels);
    return new TriagePlan(
        ref,
        event.action(),
        null,
        scores,
        signature.id(),
        toAdd,
        suggested,
        duplicateOf,
        CommentAction.post(body),
        related,
        historyLabels);
  }

  private static Optional<SignatureMatch> best(
      List<SignatureMatch> matches, TriagePolicy policy, RepositoryPolicy repository) {
    return matches.stream()
        .filter(m -> !repository.signaturesOff().contains(m.signature().id()))
        .filter(m -> m.matched() && m.confidence() >= policy.suggestFloor(m.signature()))
        .max(Comparator.comparingDouble(SignatureMatch::confidence));
  }

  /**
   * The issue to call this one a duplicate of. With history, the link policy's canonical link: the
   * root of the canonical issue's duplicate chain, or none when that issue was declined or its
   * chain loops. Without, the catalog's canonical issue. Never the issue itself: the canonical
   * report matches its own signature.
   */
  private static Integer canonical(Signature signature, IssueSnapshot issue, HistoryHints history) {
    Integer linked;
    if (history.consulted()) {
      linked =
          history.links().stream()
              .filter(link -> link.role() == DuplicateLink.Role.SIGNATURE_CANONICAL)
              .map(DuplicateLink::number)
              .findFirst()
              .orElse(null);
    } else {
      linked = signature.canonicalIssue() > 0 ? signature.canonicalIssue() : null;
    }
    return linked != null && linked != issue.number() ? linked : null;
  }
}
