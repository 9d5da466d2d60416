/**
 * The similar-issue index: a repository's own history, searched for duplicates of a new issue and
 * for the labels its nearest past issues agree on.
 *
 * <p>How the bot uses it, per repository:
 *
 * <ul>
 *   <li>{@link dev.triagebot.classifier.similar.IssueIndex#open} once, kept open, closed at
 *       shutdown.
 *   <li>Every {@code issues} event that changes an issue becomes an {@link
 *       dev.triagebot.classifier.similar.IssueIndex#upsert} of its current {@link
 *       dev.triagebot.classifier.similar.IndexedIssue}; {@code deleted} and {@code transferred}
 *       become {@link dev.triagebot.classifier.similar.IssueIndex#delete}. A backfill writes pages
 *       with {@link dev.triagebot.classifier.similar.IssueIndex#upsertAll} and ends with {@link
 *       dev.triagebot.classifier.similar.IssueIndex#compact}.
 *   <li>To triage an issue, one {@link dev.triagebot.classifier.similar.FindRelatedIssues#find}
 *       gives the links ({@link dev.triagebot.classifier.similar.LinkPolicy}) and label suggestions
 *       ({@link dev.triagebot.classifier.similar.LabelVoting}) for the comment.
 * </ul>
 */
package dev.triagebot.classifier.similar;
