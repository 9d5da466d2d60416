package dev.triagebot.bot.triage;

import dev.triagebot.classifier.match.SignatureMatch;

/**
 * One signature's score for an issue, as the plan and the audit record it.
 *
 * @param signatureId the catalog id
 * @param score the raw weighted score
 * @param confidence the calibrated confidence in [0,1]
 * @param matched whether the matcher counted it a match
 * @param needsLook whether it is no match but close enough for a maintainer's look (never public)
 */
public record MatchScore(
    String signatureId, double score, double confidence, boolean matched, boolean needsLook) {

  static MatchScore of(SignatureMatch match) {
    return new MatchScore(
        match.signature().id(),
        match.score(),
        match.confidence(),
        match.matched(),
        match.needsLook());
  }
}
