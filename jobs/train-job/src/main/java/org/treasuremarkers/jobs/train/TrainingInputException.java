package org.treasuremarkers.jobs.train;

/** Training cannot start with the given folders; the message is the one line the user sees. */
public final class TrainingInputException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public TrainingInputException(String message) {
    super(message);
  }
}
