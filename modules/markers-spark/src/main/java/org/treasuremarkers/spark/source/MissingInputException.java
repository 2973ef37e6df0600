package org.treasuremarkers.spark.source;

/** A path or glob of a source that matches no file: the run stops before reading anything. */
public final class MissingInputException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public MissingInputException(String message) {
    super(message);
  }
}
