package org.treasuremarkers.model.nn;

import java.io.PrintStream;
import java.nio.charset.Charset;

/**
 * DL4J/ND4J 1.0.0-M2.1's {@code SameDiff.createGradFunction} prints {@code "Added differentiated op <name>"} with
 * {@code System.out.println}, unconditionally (no flag, no logger), once per op whenever a network's SameDiff layers
 * build their gradient graph: in a Spark run that is every worker's network, thousands of lines. {@link #install()}
 * replaces {@code System.out} with a stream that drops exactly those lines and passes everything else through. Used
 * by train-job's main and on the executors before a worker builds its network; idempotent.
 */
public final class SameDiffStdoutFilter extends PrintStream {
  static final String PREFIX = "Added differentiated op ";

  private SameDiffStdoutFilter(PrintStream target, Charset charset) {
    super(target, true, charset);
  }

  /** Installs the filter on {@code System.out} unless it is there already. */
  public static synchronized void install() {
    PrintStream out = System.out;
    if (!(out instanceof SameDiffStdoutFilter)) {
      System.setOut(new SameDiffStdoutFilter(out, stdoutCharset()));
    }
  }

  @Override
  public void println(String line) {
    if (line == null || !line.startsWith(PREFIX)) {
      super.println(line);
    }
  }

  /** The charset the JDK 17 gave System.out, so passed-through text is encoded as before. */
  private static Charset stdoutCharset() {
    String name = System.getProperty("sun.stdout.encoding");
    try {
      return name != null ? Charset.forName(name) : Charset.defaultCharset();
    } catch (IllegalArgumentException e) {
      return Charset.defaultCharset();
    }
  }
}
