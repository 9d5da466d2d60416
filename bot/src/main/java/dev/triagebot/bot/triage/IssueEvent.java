package dev.triagebot.bot.triage;

/**
 * One issue delivery the bot acts on, after ingress has verified, stored and mapped it.
 *
 * @param deliveryId GitHub's {@code X-GitHub-Delivery}, unique per event (kept on redelivery)
 * @param action {@code opened}, {@code edited} or {@code reopened}
 * @param issue the issue as the payload described it
 */
public record IssueEvent(String deliveryId, String action, IssueSnapshot issue) {}
