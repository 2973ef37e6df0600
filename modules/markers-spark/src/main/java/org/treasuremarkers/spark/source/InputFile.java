package org.treasuremarkers.spark.source;

/** One file an annotate run read, for the report: which source, where, how big, last modified. */
public record InputFile(String source, String path, long sizeBytes, long modifiedMillis) {}
