package dev.triagebot.bot.github;

/**
 * A comment with who wrote it, for learning duplicate targets from maintainers' and bots' words.
 *
 * @param body the Markdown body
 * @param login the author's login
 * @param authorAssociation GitHub's {@code author_association} (OWNER, MEMBER, COLLABORATOR…)
 * @param byBot whether the author is a bot account
 */
public record AuthoredComment(String body, String login, String authorAssociation, boolean byBot) {}
