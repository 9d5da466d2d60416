package dev.triagebot.bot.triage;

import dev.triagebot.bot.issue.IssueSnapshot;

/**
 * One issue delivery the bot acts on, after ingress has verified, stored and mapped it.
 *
 * @param deliveryId GitHub's {@code X-GitHub-Delivery}, unique per event (kept on redelivery)
 * @param action {@code opened}, {@code edited} or {@code reopened}; {@value #RERUN} when a
 *     maintainer asked to classify the issue again
 * @param issue the issue as the payload described it
 */
public record IssueEvent(String deliveryId, String action, IssueSnapshot issue) {
  /** The action of a triage a maintainer asked for with {@code /triage rerun}. */
  public static final String RERUN = "rerun";
}
