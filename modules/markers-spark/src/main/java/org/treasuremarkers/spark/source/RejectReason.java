package org.treasuremarkers.spark.source;

import java.util.Locale;

/** Why an input record was rejected; the label is what rejected/ and report.json show. */
public enum RejectReason {
  /** The text is not JSON (or a JSON array file stops being valid JSON). */
  MALFORMED_JSON,
  /** Valid JSON, but not an object (an array, a number, a string). */
  NOT_AN_OBJECT,
  /** The prompt or completion (or, for raw input, dataset) is absent or null. */
  MISSING_FIELD,
  /** The prompt or completion (or another text field) is not a string. */
  NOT_A_STRING,
  /** Another field of the raw-example schema has the wrong type (quality, markers, metadata, id). */
  INVALID_FIELD,
  /** A key the raw-example schema does not have. */
  UNKNOWN_FIELD,
  /** A tsv line with more or fewer columns than the source declares. */
  WRONG_COLUMN_COUNT,
  /** Longer than the configured maxRecordBytes. */
  OVERSIZED,
  /** A preset marker the taxonomy does not allow (the message says what is allowed). */
  INVALID_MARKER;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
