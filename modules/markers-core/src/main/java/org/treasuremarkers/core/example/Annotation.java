package org.treasuremarkers.core.example;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The markers of one example and where each came from; both maps have the same keys.
 */
public record Annotation(SortedMap<String, String> markers, SortedMap<String, MarkerOrigin> origins) {

  public Annotation {
    markers = Collections.unmodifiableSortedMap(new TreeMap<>(markers));
    origins = Collections.unmodifiableSortedMap(new TreeMap<>(origins));
    if (!markers.keySet().equals(origins.keySet())) {
      throw new IllegalArgumentException("every marker needs an origin: " + markers.keySet() + " vs " + origins.keySet());
    }
  }

  /** Origins as their stored labels (input | dataset | rule | model). */
  public SortedMap<String, String> originLabels() {
    SortedMap<String, String> out = new TreeMap<>();
    origins.forEach((k, v) -> out.put(k, v.label()));
    return out;
  }
}
