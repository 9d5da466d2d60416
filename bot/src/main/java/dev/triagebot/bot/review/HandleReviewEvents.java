package dev.triagebot.bot.review;

import dev.triagebot.bot.github.Reaction;
import dev.triagebot.bot.issue.IssueRef;
import dev.triagebot.bot.issue.IssueSnapshot;
import dev.triagebot.bot.issue.RepositoryRef;
import dev.triagebot.bot.triage.PlanExecutor;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows up comments and label changes: runs {@code /triage} commands from maintainers (👍 when
 * one worked, 😕 and nothing else for anyone else or an unknown command), takes the reporter saying
 * "not a duplicate" as an objection, and counts a maintainer removing a label the bot applied as a
 * rejection and adding a suggested one as an acceptance.
 */
public final class HandleReviewEvents implements ReviewEvents {
  private static final Logger log = LoggerFactory.getLogger(HandleReviewEvents.class);

  private final ReviewActions actions;
  private final Suggestions suggestions;
  private final Optional<Maintainers> maintainers;
  private final PlanExecutor executor;

  /**
   * @param maintainers who may command; empty without GitHub credentials, when commands cannot be
   *     checked and are only logged
   */
  public HandleReviewEvents(
      ReviewActions actions,
      Suggestions suggestions,
      Optional<Maintainers> maintainers,
      PlanExecutor executor) {
    this.actions = actions;
    this.suggestions = suggestions;
    this.maintainers = maintainers;
    this.executor = executor;
  }

  @Override
  public void handle(ReviewEvent event) {
    if (event instanceof ReviewEvent.Comment comment) {
      comment(comment);
    } else if (event instanceof ReviewEvent.LabelChange change) {
      labelChange(change);
    }
  }

  @Override
  public void carryOut(ReviewRequest request) {
    if (!actions.carryOut(request)) {
      log.info(
          "{}: {} of suggestion {} from {}: nothing to do any more",
          request.issue(),
          request.verb(),
          request.suggestionId(),
          request.by());
    }
  }

  private void comment(ReviewEvent.Comment comment) {
    IssueRef issue = ref(comment.issue());
    Optional<TriageCommand> command = TriageCommand.parse(comment.body());
    if (command.isPresent()) {
      command(comment, issue, command.get());
      return;
    }
    if (!comment.edited()
        && comment.author().equalsIgnoreCase(comment.issue().author())
        && Objections.raisedIn(comment.body())) {
      actions
          .current(issue)
          // A report listed as "needs a look" was never suggested to its reporter.
          .filter(s -> !s.needsLook())
          .ifPresent(
              s -> actions.object(s, comment.author(), "the reporter said it is not this problem"));
    }
  }

  private void command(ReviewEvent.Comment comment, IssueRef issue, TriageCommand command) {
    if (maintainers.isEmpty()) {
      log.warn(
          "{}: {} from {} not carried out: without GitHub credentials nobody's role can be checked",
          issue,
          command.line(),
          comment.author());
      return;
    }
    if (!suggestions.claimCommand(
        comment.commentId(),
        issue.repository().fullName(),
        issue.number(),
        comment.author(),
        command.line())) {
      log.info(
          "{}: command comment {} was handled before (edited or redelivered); not run again",
          issue,
          comment.commentId());
      return;
    }
    String outcome;
    try {
      outcome = run(comment, issue, command);
    } catch (RuntimeException failure) {
      suggestions.releaseCommand(comment.commentId());
      throw failure;
    }
    suggestions.commandDone(comment.commentId(), outcome);
  }

  /** Carries the command out; returns how it ended, for the record. */
  private String run(ReviewEvent.Comment comment, IssueRef issue, TriageCommand command) {
    if (command.verb() == TriageCommand.Verb.UNKNOWN) {
      executor.react(issue, comment.commentId(), Reaction.CONFUSED);
      return "unknown command";
    }
    if (!maintainers.get().mayCommand(issue.repository(), comment.author())) {
      executor.react(issue, comment.commentId(), Reaction.CONFUSED);
      log.info(
          "{}: {} from {} refused: no triage permission", issue, command.line(), comment.author());
      return "refused: no triage permission";
    }
    boolean worked =
        switch (command.verb()) {
          case ACCEPT ->
              actions.current(issue).map(s -> actions.accept(s, comment.author())).orElse(false);
          case REJECT ->
              actions
                  .current(issue)
                  .map(s -> actions.reject(s, comment.author(), command.argument()))
                  .orElse(false);
          case EXPLAIN -> {
            actions.explain(comment.issue(), issue);
            yield true;
          }
          case RERUN -> {
            actions.rerun(comment.issue(), comment.deliveryId());
            yield true;
          }
          case UNKNOWN -> false;
        };
    executor.react(issue, comment.commentId(), worked ? Reaction.THUMBS_UP : Reaction.CONFUSED);
    return worked ? "done" : "nothing to " + command.verb().name().toLowerCase();
  }

  private void labelChange(ReviewEvent.LabelChange change) {
    IssueRef issue = ref(change.issue());
    Optional<Suggestion> current = actions.current(issue);
    if (current.isEmpty()) {
      return;
    }
    Suggestion suggestion = current.get();
    Optional<Suggestion.Label> label = suggestion.label(change.label());
    if (label.isEmpty()) {
      return;
    }
    if (!change.added() && label.get().botApplied()) {
      suggestions.atomically(
          () -> {
            suggestions.labelOutcome(
                suggestion.id(), List.of(label.get().name()), SuggestionStatus.REJECTED);
            if (suggestion.status() == SuggestionStatus.PENDING
                || suggestion.status() == SuggestionStatus.ACCEPTED) {
              suggestions.decide(
                  suggestion.id(),
                  SuggestionStatus.REJECTED,
                  change.sender(),
                  "removed the label " + label.get().name());
            }
          });
      log.info(
          "{}: {} removed {}, which the bot applied: negative feedback",
          issue,
          change.sender(),
          label.get().name());
    } else if (change.added() && label.get().outcome() == SuggestionStatus.PENDING) {
      suggestions.atomically(
          () -> {
            suggestions.labelOutcome(
                suggestion.id(), List.of(label.get().name()), SuggestionStatus.ACCEPTED);
            if (suggestion.status() == SuggestionStatus.PENDING) {
              suggestions.decide(
                  suggestion.id(),
                  SuggestionStatus.ACCEPTED,
                  change.sender(),
                  "added the label " + label.get().name());
            }
          });
      log.info(
          "{}: {} added the suggested {}: positive feedback",
          issue,
          change.sender(),
          label.get().name());
    }
  }

  private static IssueRef ref(IssueSnapshot issue) {
    return new IssueRef(
        new RepositoryRef(issue.installationId(), issue.repository()), issue.number());
  }
}
