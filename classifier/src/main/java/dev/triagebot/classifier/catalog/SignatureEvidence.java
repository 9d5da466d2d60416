package dev.triagebot.classifier.catalog;

/** Placeholder: the evidence schema is being written with the matcher. */
public record SignatureEvidence() {}
