package org.treasuremarkers.learn.tagger;

/** One evaluated row: its source, the source's label, the tagger's best class and its probability. */
record Scored(String source, String truth, String predicted, double probability) {}
