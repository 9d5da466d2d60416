package dev.triagebot.classifier.similar;

/**
 * One existing issue similar to the query, with how similar and why.
 *
 * @param issue the indexed issue
 * @param score the raw BM25 score
 * @param relativeScore the score divided by the score the query would give an exact copy of itself:
 *     about 1 for a copy, 0 for nothing shared, comparable across queries
 * @param reason a short, human-readable reason
 */
public record SimilarIssue(
    IndexedIssue issue, double score, double relativeScore, MatchReason reason) {}
