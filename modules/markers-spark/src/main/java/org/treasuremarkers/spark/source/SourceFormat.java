package org.treasuremarkers.spark.source;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How the files of a source are laid out; decides how records and their positions are read. */
public enum SourceFormat {
  /** One JSON object per line, optionally gzip-compressed; positions are line numbers. */
  JSONL,
  /** One JSON array of objects per file; positions are element numbers. */
  JSON,
  /** Parquet; positions are row numbers within the file. */
  PARQUET,
  /** Tab-separated columns, no header, no quoting; positions are line numbers. */
  TSV;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** True when records are lines of text (positions are line numbers, blank lines exist). */
  public boolean lineBased() {
    return this == JSONL || this == TSV;
  }

  public static SourceFormat fromLabel(String label) {
    for (SourceFormat f : values()) {
      if (f.label().equals(label)) {
        return f;
      }
    }
    throw new IllegalArgumentException("unknown input format '" + label + "'; allowed: "
        + Arrays.stream(values()).map(SourceFormat::label).collect(Collectors.joining(", ")));
  }
}
