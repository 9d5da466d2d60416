package dev.triagebot.bot.webhook;

import dev.triagebot.bot.index.IndexChange;
import dev.triagebot.bot.queue.JobKind;
import dev.triagebot.bot.triage.RepositoryName;
import dev.triagebot.classifier.similar.DuplicateOfComment;
import java.util.Optional;

/**
 * Where an {@code issues}, {@code issue_comment} or {@code push} delivery goes, decided from its
 * {@link DeliveryFacts} alone: a job for the workers, a change for the similar-issue index, both, a
 * possible change of the repository's configuration file, or none of these (then it is answered as
 * ignored without being stored).
 *
 * @param job the job it needs; null when none
 * @param indexChange whether the similar-issue index may change (the group commit decides, from the
 *     fields the scan picked out)
 * @param reason why it needs no job; null when it has one
 * @param configPush whether it is a push to the default branch, which may have changed the
 *     repository's configuration file (the group commit reads the payload and decides)
 */
record DeliveryRoute(JobKind job, boolean indexChange, String reason, boolean configPush) {

  DeliveryRoute(JobKind job, boolean indexChange, String reason) {
    this(job, indexChange, reason, false);
  }

  /** Whether nothing is to be done, so that nothing is stored. */
  boolean ignored() {
    return job == null && !indexChange && !configPush;
  }

  /**
   * The route of a delivery of one of the issue events.
   *
   * @throws MalformedPayloadException when a delivery to keep lacks what its job's key needs
   */
  static DeliveryRoute of(String event, DeliveryFacts facts) throws MalformedPayloadException {
    if (HandledEvents.PUSH.equals(event)) {
      return push(facts);
    }
    String action = facts.action();
    if (HandledEvents.ISSUES.equals(event)) {
      if (!HandledEvents.issueActionKept(action)) {
        return ignore(HandledEvents.notHandled(event, action));
      }
      requireIssue(facts);
      boolean index =
          !facts.pullRequest()
              && (IndexChange.UPSERT_ACTIONS.contains(action)
                  || IndexChange.REMOVE_ACTIONS.contains(action));
      if (HandledEvents.labelChange(action)) {
        return facts.sender().isBot()
            ? new DeliveryRoute(
                null, index, HandledEvents.byABot(event, action, facts.sender().login()))
            : new DeliveryRoute(JobKind.REVIEW, index, null);
      }
      Optional<String> ignored = HandledEvents.whyIgnored(action, facts.titleOrBodyChanged());
      return new DeliveryRoute(
          ignored.isEmpty() ? JobKind.TRIAGE : null, index, ignored.orElse(null));
    }
    Optional<String> ignored = HandledEvents.whyCommentIgnored(action);
    if (ignored.isPresent()) {
      return ignore(ignored.get());
    }
    requireIssue(facts);
    // Only a comment naming a duplicate target can change the index; reading it checks its author.
    boolean index =
        "created".equals(action)
            && !facts.pullRequest()
            && DuplicateOfComment.target(
                    facts.commentBody() == null ? "" : facts.commentBody(), facts.repository())
                .isPresent();
    if (facts.commentAuthor().isBot()) {
      return new DeliveryRoute(
          null, index, HandledEvents.byABot(event, action, facts.commentAuthor().login()));
    }
    if (facts.pullRequest()) {
      return new DeliveryRoute(null, index, "a comment on a pull request is not reviewed");
    }
    return new DeliveryRoute(JobKind.REVIEW, index, null);
  }

  /** Only the default branch's configuration file is read, so only pushes there are kept. */
  private static DeliveryRoute push(DeliveryFacts facts) throws MalformedPayloadException {
    requireRepository(facts);
    if (facts.ref() == null) {
      throw PayloadChecks.wrong("ref", "missing");
    }
    if (facts.defaultBranch() == null) {
      throw PayloadChecks.wrong("repository.default_branch", "missing");
    }
    if (!facts.ref().equals("refs/heads/" + facts.defaultBranch())) {
      return ignore("push to " + facts.ref() + ", not the default branch");
    }
    return new DeliveryRoute(null, false, "a push to the default branch", true);
  }

  private static DeliveryRoute ignore(String reason) {
    return new DeliveryRoute(null, false, reason);
  }

  private static void requireRepository(DeliveryFacts facts) throws MalformedPayloadException {
    Optional<String> problem = RepositoryName.problem(facts.repository());
    if (problem.isPresent()) {
      throw PayloadChecks.wrong("repository.full_name", problem.get());
    }
  }

  /** The job's key, {@code owner/name#number}, needs both; a bad name is never stored. */
  private static void requireIssue(DeliveryFacts facts) throws MalformedPayloadException {
    requireRepository(facts);
    if (facts.issueNumber() == null) {
      throw PayloadChecks.wrong("issue.number", "missing");
    }
  }
}
