package org.treasuremarkers.spark.source;

/** A record that cannot become an example: the reason and a message naming the field and the value. */
public final class RecordProblem extends Exception {
  private static final long serialVersionUID = 1L;
  private final RejectReason reason;

  public RecordProblem(RejectReason reason, String message) {
    super(message, null, false, false); // expected, per row: no stack trace to fill
    this.reason = reason;
  }

  public RejectReason reason() {
    return reason;
  }
}
