package dev.triagebot.classifier.fit;

/**
 * One report's probability from a model that did not see it in training, with its truth.
 *
 * @param example the report
 * @param probability the model's probability that it is an instance
 */
public record Scored(Example example, double probability) {}
