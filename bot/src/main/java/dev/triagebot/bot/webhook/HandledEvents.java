package dev.triagebot.bot.webhook;

import dev.triagebot.bot.index.IndexChange;
import java.util.Optional;
import java.util.Set;

/**
 * Which deliveries the bot acts on, in one place: issues opened, reopened, or edited in title or
 * body; installations created or deleted; repositories added to or removed from an installation;
 * for review, comments created or edited on issues and labels added or removed by people; pushes to
 * a default branch that change the repository's configuration file.
 */
final class HandledEvents {
  static final String PING = "ping";
  static final String ISSUES = "issues";
  static final String INSTALLATION = "installation";
  static final String INSTALLATION_REPOSITORIES = "installation_repositories";
  static final String ISSUE_COMMENT = "issue_comment";
  static final String PUSH = "push";

  private static final Set<String> ISSUE_ACTIONS = Set.of("opened", "reopened", "edited");
  private static final Set<String> LABEL_ACTIONS = Set.of("labeled", "unlabeled");
  private static final Set<String> COMMENT_ACTIONS = Set.of("created", "edited");
  private static final Set<String> INSTALLATION_ACTIONS = Set.of("created", "deleted");
  private static final Set<String> INSTALLATION_REPOSITORIES_ACTIONS = Set.of("added", "removed");

  private static final Set<String> EVENTS =
      Set.of(ISSUES, ISSUE_COMMENT, INSTALLATION, INSTALLATION_REPOSITORIES, PUSH);

  private HandledEvents() {}

  /** Whether the bot acts on some actions of this event; ping and others it only answers. */
  static boolean handles(String event) {
    return EVENTS.contains(event);
  }

  /**
   * Whether an {@code issues} delivery of this action is kept: triaged, followed up by review, or
   * recorded for the similar-issue index. Only those need an issue the bot can read.
   */
  static boolean issueActionKept(String action) {
    return action != null
        && (ISSUE_ACTIONS.contains(action)
            || LABEL_ACTIONS.contains(action)
            || IndexChange.UPSERT_ACTIONS.contains(action)
            || IndexChange.REMOVE_ACTIONS.contains(action));
  }

  /** Why the bot ignores this issue action; empty when it triages it. */
  static Optional<String> whyIgnored(String action, boolean titleOrBodyChanged) {
    if (action == null || !ISSUE_ACTIONS.contains(action)) {
      return Optional.of(notHandled(ISSUES, action));
    }
    if (action.equals("edited") && !titleOrBodyChanged) {
      return Optional.of("issues.edited changed neither the title nor the body");
    }
    return Optional.empty();
  }

  /** Whether this {@code issues} action is a label change, which review follows up. */
  static boolean labelChange(String action) {
    return action != null && LABEL_ACTIONS.contains(action);
  }

  /** Why the bot ignores this {@code issue_comment} action; empty when review follows it up. */
  static Optional<String> whyCommentIgnored(String action) {
    return action != null && COMMENT_ACTIONS.contains(action)
        ? Optional.empty()
        : Optional.of(notHandled(ISSUE_COMMENT, action));
  }

  /** Why a comment or label change by a bot is ignored: the bot never reviews itself. */
  static String byABot(String event, String action, String login) {
    return describe(event, action) + " by the bot account " + login + " is ignored";
  }

  /** The installation action by which GitHub says an installation may act again. */
  static final String UNSUSPEND = "unsuspend";

  /** The installation action by which GitHub says an installation may no longer act. */
  static final String SUSPEND = "suspend";

  /** Whether an installation event suspends or unsuspends the installation. */
  static boolean suspensionChange(String event, String action) {
    return event.equals(INSTALLATION) && (SUSPEND.equals(action) || UNSUSPEND.equals(action));
  }

  /** Whether the bot records this change of an installation. */
  static boolean installationChange(String event, String action) {
    return action != null
        && (event.equals(INSTALLATION)
            ? INSTALLATION_ACTIONS.contains(action)
            : INSTALLATION_REPOSITORIES_ACTIONS.contains(action));
  }

  /** The reason given for an event or action the bot does not act on. */
  static String notHandled(String event, String action) {
    return describe(event, action) + " is not handled";
  }

  /** {@code event.action}, or the event alone when it has no action. */
  static String describe(String event, String action) {
    return action == null ? event : event + "." + action;
  }
}
