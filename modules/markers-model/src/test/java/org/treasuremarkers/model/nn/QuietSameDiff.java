package org.treasuremarkers.model.nn;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.function.Supplier;

/**
 * Tests only: SameDiff prints one "Added differentiated op" line per op to System.out when it builds a gradient
 * graph (thousands of lines; logging configuration cannot silence it), which floods the test output. This runs a
 * block with System.out discarded. Production code leaves System.out alone.
 */
public final class QuietSameDiff {
  private QuietSameDiff() {}

  public static synchronized <T> T run(Supplier<T> body) {
    PrintStream original = System.out;
    System.setOut(new PrintStream(OutputStream.nullOutputStream()));
    try {
      return body.get();
    } finally {
      System.setOut(original);
    }
  }
}
