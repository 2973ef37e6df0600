package org.treasuremarkers.core.tagger;

/** A tagger's best class for a text and its probability. */
public record Prediction(String value, double probability) {}
