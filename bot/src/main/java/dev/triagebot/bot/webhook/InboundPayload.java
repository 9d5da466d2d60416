package dev.triagebot.bot.webhook;

import dev.triagebot.bot.issue.IssueSnapshot;
import dev.triagebot.bot.review.ReviewEvent;
import java.util.List;

/**
 * What a delivery asks of the bot, in our own terms, mapped once from github-api's types at the
 * edge. Only deliveries the bot acts on are mapped in full.
 */
public sealed interface InboundPayload {

  /** The properties every payload shares. */
  Envelope envelope();

  /**
   * The common properties of a payload.
   *
   * @param action what happened; null for events without actions, such as {@code ping}
   * @param installationId the App installation; null when the payload names none
   * @param repository {@code owner/name}; null when the event concerns no single repository
   */
  record Envelope(String action, Long installationId, String repository) {}

  /**
   * An issue to triage.
   *
   * @param envelope the common properties
   * @param issue the issue as the payload describes it
   */
  record Issue(Envelope envelope, IssueSnapshot issue) implements InboundPayload {}

  /**
   * A comment or a label change for review to follow up; {@code event}'s delivery id is not known
   * yet at parsing and left empty.
   *
   * @param envelope the common properties
   * @param event what the person did
   */
  record Review(Envelope envelope, ReviewEvent event) implements InboundPayload {}

  /**
   * A change in the repositories an installation covers.
   *
   * @param envelope the common properties
   * @param installationId the installation concerned
   * @param uninstalled whether the App was uninstalled, so it covers nothing any more
   * @param added repositories ({@code owner/name}) it now covers
   * @param removed repositories it no longer covers
   */
  record Installation(
      Envelope envelope,
      long installationId,
      boolean uninstalled,
      List<String> added,
      List<String> removed)
      implements InboundPayload {
    public Installation {
      added = List.copyOf(added);
      removed = List.copyOf(removed);
    }
  }

  /**
   * GitHub's {@code ping}, sent when the webhook is created.
   *
   * @param envelope the common properties
   */
  record Ping(Envelope envelope) implements InboundPayload {}

  /**
   * A delivery the bot does not act on.
   *
   * @param envelope the common properties
   * @param reason why, for the response
   */
  record Ignored(Envelope envelope, String reason) implements InboundPayload {}
}
