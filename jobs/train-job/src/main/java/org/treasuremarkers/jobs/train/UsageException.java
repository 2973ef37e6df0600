package org.treasuremarkers.jobs.train;

/** The command line cannot be run as given; the message is the one line the user sees. */
public final class UsageException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public UsageException(String message) {
    super(message);
  }
}
