package org.treasuremarkers.spark.run;

/** The output folder exists and the run may not (or will not) replace it. */
public final class OutputExistsException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public OutputExistsException(String message) {
    super(message);
  }
}
