package org.treasuremarkers.core.example;

/** Where a marker value came from, in order of precedence (input wins). */
public enum MarkerOrigin {
  /** Preset on the row, or the row's own score. */
  INPUT,
  /** Given by the source dataset's definition. */
  DATASET,
  /** Computed or detected from the example by a rule. */
  RULE,
  /** Predicted by a trained classifier. */
  MODEL;

  /** The lower-case name stored in {@code marker_origin}. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  public static MarkerOrigin fromLabel(String label) {
    return valueOf(label.toUpperCase(java.util.Locale.ROOT));
  }
}
