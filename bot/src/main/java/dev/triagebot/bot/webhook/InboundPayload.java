package dev.triagebot.bot.webhook;

import dev.triagebot.bot.triage.IssueSnapshot;
import java.util.List;

/** What a payload says, in our own terms, mapped once from github-api's types at the edge. */
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
   * An {@code issues} event.
   *
   * @param envelope the common properties
   * @param issue the issue as the payload describes it
   * @param titleOrBodyChanged whether {@code changes} names the title or the body
   */
  record Issue(Envelope envelope, IssueSnapshot issue, boolean titleOrBodyChanged)
      implements InboundPayload {}

  /**
   * An {@code installation} or {@code installation_repositories} event.
   *
   * @param envelope the common properties
   * @param installationId the installation concerned
   * @param added repositories ({@code owner/name}) it now covers
   * @param removed repositories it no longer covers
   */
  record Installation(
      Envelope envelope, long installationId, List<String> added, List<String> removed)
      implements InboundPayload {
    public Installation {
      added = List.copyOf(added);
      removed = List.copyOf(removed);
    }
  }

  /** Any other event: only its common properties are read. */
  record Other(Envelope envelope) implements InboundPayload {}
}
