package org.treasuremarkers.core.taxonomy;

/** A marker key or value that the taxonomy does not allow. */
public final class InvalidMarkerException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public InvalidMarkerException(String message) {
    super(message);
  }
}
