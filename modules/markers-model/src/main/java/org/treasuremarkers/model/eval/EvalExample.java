package org.treasuremarkers.model.eval;

import java.util.SortedMap;

/** A held-out example: its prompt, completion, annotated markers and the training text made from them. */
public record EvalExample(String id, String prompt, String completion, SortedMap<String, String> markers,
    String inputText, String targetText) {}
