package org.treasuremarkers.spark.source;

import java.io.Serializable;

/**
 * One record as read, before parsing: its text and where it came from. Exactly one of {@code line} (text
 * formats) and {@code row} (JSON arrays, Parquet) is set, both 1-based. {@code readProblem} is set when the
 * file itself could not be read past this point (a JSON array that breaks off); the text is then the rest
 * of the file.
 */
public record SourceRecord(int source, String file, Long line, Long row, String text, String readProblem)
    implements Serializable {}
