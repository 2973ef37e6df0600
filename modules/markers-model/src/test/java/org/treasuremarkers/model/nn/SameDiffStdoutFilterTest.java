package org.treasuremarkers.model.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

class SameDiffStdoutFilterTest {
  @Test
  void dropsSameDiffsGradientLinesAndKeepsEverythingElse() {
    PrintStream original = System.out;
    ByteArrayOutputStream unfiltered = new ByteArrayOutputStream();
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(unfiltered, true, StandardCharsets.UTF_8));
      buildGradients();
      assertTrue(unfiltered.toString(StandardCharsets.UTF_8).startsWith(SameDiffStdoutFilter.PREFIX),
          "without the filter SameDiff prints its lines: " + unfiltered);
      System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
      SameDiffStdoutFilter.install();
      PrintStream filtered = System.out;
      SameDiffStdoutFilter.install();
      assertSame(filtered, System.out, "installing twice wraps once");
      System.out.println("before");
      buildGradients();
      System.out.print("no newline, ");
      System.out.println("after ü");
    } finally {
      System.setOut(original);
    }
    assertEquals("before\nno newline, after ü\n", captured.toString(StandardCharsets.UTF_8));
  }

  /** A real gradient graph: M2.1 prints one "Added differentiated op" line per op here. */
  private static void buildGradients() {
    SameDiff sd = SameDiff.create();
    SDVariable x = sd.var("x", Nd4j.rand(DataType.FLOAT, 2, 3));
    sd.math().tanh(x).mul(2.0).sum().markAsLoss();
    sd.calculateGradients(null, "x");
  }
}
