package org.treasuremarkers.core.example;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The markers of one example and where each came from; both maps have the same keys. {@code scores} holds, for
 * some decimal markers (quality), the full-precision number behind the canonical value; its keys are markers.
 */
public record Annotation(SortedMap<String, String> markers, SortedMap<String, MarkerOrigin> origins,
    SortedMap<String, Double> scores) {

  public Annotation {
    markers = Collections.unmodifiableSortedMap(new TreeMap<>(markers));
    origins = Collections.unmodifiableSortedMap(new TreeMap<>(origins));
    scores = Collections.unmodifiableSortedMap(new TreeMap<>(scores));
    if (!markers.keySet().equals(origins.keySet())) {
      throw new IllegalArgumentException("every marker needs an origin: " + markers.keySet() + " vs " + origins.keySet());
    }
    if (!markers.keySet().containsAll(scores.keySet())) {
      throw new IllegalArgumentException("scores of markers that are not set: " + scores.keySet());
    }
  }

  public Annotation(SortedMap<String, String> markers, SortedMap<String, MarkerOrigin> origins) {
    this(markers, origins, new TreeMap<>());
  }

  /** Origins as their stored labels (input | dataset | rule | model). */
  public SortedMap<String, String> originLabels() {
    SortedMap<String, String> out = new TreeMap<>();
    origins.forEach((k, v) -> out.put(k, v.label()));
    return out;
  }
}
