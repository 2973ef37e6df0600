package org.treasuremarkers.jobs.annotate;

/** A command line annotate-job cannot run: the message says what to change. */
final class UsageException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  UsageException(String message) {
    super(message);
  }
}
