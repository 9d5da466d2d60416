package dev.triagebot.bot.triage;

import dev.triagebot.bot.github.DryRunGitHub;
import dev.triagebot.bot.github.GitHubOperations;
import dev.triagebot.bot.github.IssueComment;
import dev.triagebot.bot.issue.IssueRef;
import dev.triagebot.bot.triage.Execution.CommentOutcome;
import dev.triagebot.bot.triage.Execution.Status;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out a {@link TriagePlan} on GitHub: the only caller of {@link GitHubOperations}. Dry-run
 * is not its concern: it is given a {@link DryRunGitHub}, which logs and records the writes instead
 * of sending them, and the same steps run in every mode.
 *
 * <p>Idempotent by looking before writing: labels the repository lacks are dropped (a label is
 * never created, and only a maintainer's reject removes those the bot applied), and the bot's
 * comment is found by its marker and updated in place, so running a plan again after a failure part
 * way never posts a second comment.
 */
public final class PlanExecutor {
  private static final Logger log = LoggerFactory.getLogger(PlanExecutor.class);

  private final GitHubOperations github;
  private final Function<Steps, Execution> completed;
  private final LongConsumer beforeEachWrite;

  private PlanExecutor(
      GitHubOperations github, Function<Steps, Execution> completed, LongConsumer beforeEachWrite) {
    this.github = Objects.requireNonNull(github, "github");
    this.completed = completed;
    this.beforeEachWrite = Objects.requireNonNull(beforeEachWrite, "beforeEachWrite");
  }

  /** An executor that acts on GitHub, without a write budget. */
  public static PlanExecutor live(GitHubOperations github) {
    return live(github, installation -> {});
  }

  /**
   * An executor that acts on GitHub and calls {@code beforeEachWrite} with the installation's id
   * right before each content-creating request (a comment, labels, a reaction), e.g. {@code
   * WriteBudget::spend}; what it throws stops the plan there, as a GitHub failure would.
   */
  public static PlanExecutor live(GitHubOperations github, LongConsumer beforeEachWrite) {
    return new PlanExecutor(github, steps -> steps.finish(Status.DONE, null), beforeEachWrite);
  }

  /**
   * An executor whose writes are only recorded: a completed plan is audited as {@link
   * Status#DRY_RUN} with no effects, since none reached GitHub.
   */
  public static PlanExecutor dryRun(DryRunGitHub github) {
    // Nothing reaches GitHub, so nothing is spent from the write budget.
    return new PlanExecutor(github, steps -> Execution.without(Status.DRY_RUN), installation -> {});
  }

  /**
   * This executor as a dry run, for a repository whose configuration asks for one: the same reads,
   * every write only recorded.
   */
  public PlanExecutor asDryRun() {
    return github instanceof DryRunGitHub ? this : dryRun(new DryRunGitHub(github));
  }

  /** Carries out the plan; a failure is returned in the {@link Execution}, not thrown. */
  public Execution execute(TriagePlan plan) {
    if (plan.skipped()) {
      return Execution.without(Status.SKIPPED);
    }
    Steps steps = new Steps();
    try {
      addLabels(plan, steps);
      comment(plan, steps);
      return completed.apply(steps);
    } catch (RuntimeException failure) {
      return steps.finish(Status.FAILED, failure);
    }
  }

  private void addLabels(TriagePlan plan, Steps steps) {
    if (plan.labelsToAdd().isEmpty()) {
      return;
    }
    // GitHub would create a label it does not know; only add the repository's own.
    Map<String, String> defined = definedLabels(plan.issue());
    List<String> toAdd = new ArrayList<>();
    for (String label : plan.labelsToAdd()) {
      String existing = defined.get(label.toLowerCase(Locale.ROOT));
      if (existing == null) {
        steps.labelsNotInRepository.add(label);
      } else {
        toAdd.add(existing);
      }
    }
    if (!steps.labelsNotInRepository.isEmpty()) {
      log.warn(
          "{}: labels {} are not defined in the repository; left out (the bot never creates labels)",
          plan.issue(),
          steps.labelsNotInRepository);
    }
    if (!toAdd.isEmpty()) {
      beforeWriting(plan.issue());
      github.addLabels(plan.issue(), toAdd);
      steps.labelsAdded.addAll(toAdd);
    }
  }

  private void comment(TriagePlan plan, Steps steps) {
    CommentAction action = plan.comment();
    switch (action.kind()) {
      case NONE -> {}
      case CREATE_OR_UPDATE -> {
        Optional<IssueComment> ours = ourComment(plan.issue());
        if (ours.isEmpty()) {
          beforeWriting(plan.issue());
          steps.comment(
              CommentOutcome.CREATED, github.createComment(plan.issue(), action.body()).id());
        } else if (sameText(ours.get().body(), action.body())) {
          steps.comment(CommentOutcome.UNCHANGED, ours.get().id());
        } else {
          github.updateComment(plan.issue(), ours.get().id(), action.body());
          steps.comment(CommentOutcome.UPDATED, ours.get().id());
        }
      }
      case DELETE -> {
        Optional<IssueComment> ours = ourComment(plan.issue());
        if (ours.isEmpty()) {
          steps.comment(CommentOutcome.NOTHING_TO_DELETE, null);
        } else {
          github.deleteComment(plan.issue(), ours.get().id());
          steps.comment(CommentOutcome.DELETED, ours.get().id());
        }
      }
    }
  }

  /**
   * Adds labels a maintainer accepted: only those the repository defines, as it spells them (a
   * label is never created). Returns the labels added.
   */
  public List<String> addLabels(IssueRef issue, List<String> labels) {
    if (labels.isEmpty()) {
      return List.of();
    }
    Map<String, String> defined = definedLabels(issue);
    List<String> toAdd =
        labels.stream()
            .map(label -> defined.get(label.toLowerCase(Locale.ROOT)))
            .filter(Objects::nonNull)
            .toList();
    if (!toAdd.isEmpty()) {
      beforeWriting(issue);
      github.addLabels(issue, toAdd);
    }
    return toAdd;
  }

  /** Removes labels (the caller knows the bot applied them); one already gone is no error. */
  public void removeLabels(IssueRef issue, List<String> labels) {
    labels.forEach(label -> github.removeLabel(issue, label));
  }

  /** Replaces the body of the bot's comment on the issue, if it has one. */
  public CommentOutcome replaceOurComment(IssueRef issue, String body) {
    Optional<IssueComment> ours = ourComment(issue);
    if (ours.isEmpty()) {
      return CommentOutcome.NOT_TOUCHED;
    }
    if (sameText(ours.get().body(), body)) {
      return CommentOutcome.UNCHANGED;
    }
    github.updateComment(issue, ours.get().id(), body);
    return CommentOutcome.UPDATED;
  }

  /** Posts a reply on the issue (not the bot's tracked comment). */
  public void reply(IssueRef issue, String body) {
    beforeWriting(issue);
    github.createComment(issue, body);
  }

  /** Reacts to a comment, e.g. 👍 on a command that worked. */
  public void react(IssueRef issue, long commentId, String content) {
    beforeWriting(issue);
    github.react(issue, commentId, content);
  }

  private void beforeWriting(IssueRef issue) {
    beforeEachWrite.accept(issue.repository().installationId());
  }

  /**
   * The repository's labels by lower-case name, as it spells them (names compare ignoring case).
   */
  private Map<String, String> definedLabels(IssueRef issue) {
    Map<String, String> defined = new LinkedHashMap<>();
    github
        .repositoryLabels(issue.repository())
        .forEach(name -> defined.put(name.toLowerCase(Locale.ROOT), name));
    return defined;
  }

  /**
   * The bot's comment: its marker <em>and</em> the bot as author, so that a person's comment that
   * starts with the marker is never edited or deleted. The oldest if a past failure ever left two.
   * The bot's login is only looked up when a comment carries the marker.
   */
  private Optional<IssueComment> ourComment(IssueRef issue) {
    return github.comments(issue).stream()
        .filter(c -> CommentMarker.isOurs(c.body()))
        .filter(c -> c.author() != null && c.author().equalsIgnoreCase(github.ownLogin()))
        .findFirst();
  }

  /** GitHub may hand a body back with CRLF line ends. */
  private static boolean sameText(String stored, String planned) {
    return stored.replace("\r\n", "\n").strip().equals(planned.replace("\r\n", "\n").strip());
  }

  /** The effects so far, so that a failure part way still reports what happened before it. */
  private static final class Steps {
    final List<String> labelsAdded = new ArrayList<>();
    final List<String> labelsNotInRepository = new ArrayList<>();
    CommentOutcome comment = CommentOutcome.NOT_TOUCHED;
    Long commentId;

    void comment(CommentOutcome outcome, Long id) {
      comment = outcome;
      commentId = id;
    }

    Execution finish(Status status, RuntimeException failure) {
      return new Execution(status, labelsAdded, labelsNotInRepository, comment, commentId, failure);
    }
  }
}
