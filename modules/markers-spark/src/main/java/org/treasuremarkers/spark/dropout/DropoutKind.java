package org.treasuremarkers.spark.dropout;

/** What the {@code dropout} column says about a row's prompt side. */
public enum DropoutKind {
  /** The prompt shows every marker it may show. */
  NONE,
  /** Dataset-level dropout emptied the prompt-side marker set. */
  DATASET,
  /** Sample-level dropout removed at least one marker. */
  SAMPLE;

  /** The value stored in the column: {@code none}, {@code dataset}, {@code sample}. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
