package org.treasuremarkers.spark.prepare;

/** The preparation cannot start or did not reconcile; the message says which folder or count, and what to do. */
public final class PreparationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public PreparationException(String message) {
    super(message);
  }

  public PreparationException(String message, Throwable cause) {
    super(message, cause);
  }
}
