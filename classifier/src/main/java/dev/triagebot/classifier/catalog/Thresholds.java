package dev.triagebot.classifier.catalog;

/**
 * Confidence levels of one signature, each in [0,1].
 *
 * @param match the confidence from which an issue counts as this signature (and labels are
 *     suggested)
 * @param apply the confidence from which labels may be applied without a maintainer, where the
 *     deployment allows it; never below {@code match}
 */
public record Thresholds(double match, double apply) {}
