package dev.triagebot.bot.triage;

import java.util.List;
import java.util.Optional;

/**
 * What the executor did with a plan: the record of effects for the audit, and the failure that
 * stopped it, if one did (the effects listed happened before it).
 *
 * @param status how it ended
 * @param labelsAdded labels actually added to the issue
 * @param labelsNotInRepository planned labels left out because the repository does not define them
 * @param comment what happened to the bot's comment
 * @param commentId the id of the bot's comment, when one was found, created, updated or deleted
 * @param failure what stopped execution; null unless {@code status} is {@link Status#FAILED}
 */
public record Execution(
    Status status,
    List<String> labelsAdded,
    List<String> labelsNotInRepository,
    CommentOutcome comment,
    Long commentId,
    RuntimeException failure) {

  /** How execution ended. */
  public enum Status {
    /** The plan skipped the issue; nothing to do. */
    SKIPPED,
    /** Dry-run: logged and recorded, nothing sent to GitHub. */
    DRY_RUN,
    /** Every step of the plan was carried out. */
    DONE,
    /** A step failed; the steps before it were carried out. */
    FAILED
  }

  /** What happened to the bot's comment. */
  public enum CommentOutcome {
    NOT_TOUCHED,
    CREATED,
    UPDATED,
    /** Ours already said exactly this; no request sent. */
    UNCHANGED,
    DELETED,
    /** The plan said delete, but there was no comment of ours. */
    NOTHING_TO_DELETE
  }

  public Execution {
    labelsAdded = List.copyOf(labelsAdded);
    labelsNotInRepository = List.copyOf(labelsNotInRepository);
  }

  static Execution without(Status status) {
    return new Execution(status, List.of(), List.of(), CommentOutcome.NOT_TOUCHED, null, null);
  }

  /** The failure that stopped execution, if any. */
  public Optional<RuntimeException> failed() {
    return Optional.ofNullable(failure);
  }
}
