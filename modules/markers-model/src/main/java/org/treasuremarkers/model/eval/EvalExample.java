package org.treasuremarkers.model.eval;

import java.util.SortedMap;

/**
 * A held-out example: its prompt, completion, annotated markers, the markers its prepared prompt carries (what the
 * dropout stages kept; empty when they dropped the whole template) and the training text made from them.
 */
public record EvalExample(String id, String prompt, String completion, SortedMap<String, String> markers,
    SortedMap<String, String> promptMarkers, String inputText, String targetText) {}
