package org.treasuremarkers.core.annotate;

import java.util.SortedMap;
import java.util.TreeMap;
import org.treasuremarkers.core.example.Annotation;
import org.treasuremarkers.core.example.MarkerOrigin;
import org.treasuremarkers.core.taxonomy.Taxonomy;

/**
 * Collects the markers of one example in precedence order: the first value set for a key wins, so the
 * caller adds input markers, then dataset markers, then runs the annotators. Values are canonicalised.
 * Not thread-safe: one builder per example.
 */
public final class MarkerBuilder {
  private final Taxonomy taxonomy;
  private final SortedMap<String, String> markers = new TreeMap<>();
  private final SortedMap<String, MarkerOrigin> origins = new TreeMap<>();
  private final SortedMap<String, Double> scores = new TreeMap<>();

  public MarkerBuilder(Taxonomy taxonomy) {
    this.taxonomy = taxonomy;
  }

  public Taxonomy taxonomy() {
    return taxonomy;
  }

  public boolean has(String key) {
    return markers.containsKey(key);
  }

  /** The value set so far, or null. */
  public String get(String key) {
    return markers.get(key);
  }

  /**
   * Sets {@code key} unless it already has a value. Keys the taxonomy does not have are ignored, so a
   * trimmed taxonomy switches annotators off; an invalid value throws.
   *
   * @return true if the value was set
   */
  public boolean propose(String key, String value, MarkerOrigin origin) {
    if (value == null || markers.containsKey(key) || !taxonomy.has(key)) {
      return false;
    }
    markers.put(key, taxonomy.canonical(key, value));
    origins.put(key, origin);
    return true;
  }

  /**
   * Sets a decimal marker from a number, keeping the number at full precision next to the canonical value (the
   * quality quartiles break ties of the rounded marker with it). Same precedence as {@link #propose}.
   */
  public boolean proposeScore(String key, double value, MarkerOrigin origin) {
    // a NaN or infinity goes to the taxonomy as text, which refuses it as for any invalid value
    String text = Double.isFinite(value) ? java.math.BigDecimal.valueOf(value).toPlainString() : Double.toString(value);
    if (!propose(key, text, origin)) {
      return false;
    }
    scores.put(key, value);
    return true;
  }

  /** A rule's proposal: the common case for annotators. */
  public boolean propose(String key, String value) {
    return propose(key, value, MarkerOrigin.RULE);
  }

  public Annotation build() {
    return new Annotation(markers, origins, scores);
  }
}
