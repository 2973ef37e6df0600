package org.treasuremarkers.core.progress;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * A readable progress line for long work (annotating rows, training steps):
 * {@code annotate: 12,000/100,000 rows (12.0%) | 1,500 rows/s | ETA 52s | elapsed 8s}.
 *
 * <p>At most one line per {@code interval} (plus the final one from {@link #finish()}), so a log stays short
 * however often {@link #advance(long)} is called. In a log (stdout not a terminal) every update is its own
 * line, with no carriage return; on a terminal the line is redrawn in place with {@code \r}. Thread-safe: a
 * Spark listener thread may advance it while the driver thread finishes it.
 *
 * <p>In a Spark job, count what the tasks of the long stage report as they end, e.g. the rows annotate-job
 * writes:
 * <pre>{@code
 * ProgressLine progress = ProgressLine.toStdout("annotate", rowsRead, "rows");   // 0 when unknown
 * SparkListener listener = new SparkListener() {
 *   @Override public void onTaskEnd(SparkListenerTaskEnd end) {
 *     if (end.taskMetrics() != null) progress.advance(end.taskMetrics().outputMetrics().recordsWritten());
 *   }
 * };
 * spark.sparkContext().addSparkListener(listener);
 * ... write examples/ ...
 * progress.finish();
 * spark.sparkContext().removeSparkListener(listener);
 * }</pre>
 * In a training loop, {@code advance(1)} per step with the planned number of steps as total.
 */
public final class ProgressLine {
  /** Default spacing of lines in a log file: often enough to see life, rare enough to keep the log short. */
  public static final Duration LOG_INTERVAL = Duration.ofSeconds(10);
  /** Default spacing on a terminal, where the line is redrawn in place. */
  public static final Duration TERMINAL_INTERVAL = Duration.ofMillis(500);

  private final String stage;
  private final long total;
  private final String unit;
  private final long intervalNanos;
  private final LongSupplier nanoClock;
  private final Consumer<String> out;
  private final boolean terminal;
  private final long startNanos;

  private long done;
  private long lastEmitNanos;
  private boolean emittedOnce;
  private long lastEmittedDone = -1;
  private boolean finished;

  /**
   * @param stage     what is being done, first word of the line (e.g. {@code annotate})
   * @param total     units expected; 0 or less when unknown (then no percentage and no ETA)
   * @param unit      name of a unit, plural (e.g. {@code rows}, {@code steps})
   * @param interval  least time between two lines
   * @param nanoClock monotonic clock in nanoseconds ({@code System::nanoTime}; tests inject their own)
   * @param out       receives each rendered text exactly as it should be printed (terminal mode includes the
   *                  leading {@code \r}; log mode is one line without line terminator)
   * @param terminal  redraw in place with {@code \r} (only when a person watches a terminal)
   */
  public ProgressLine(String stage, long total, String unit, Duration interval, LongSupplier nanoClock,
      Consumer<String> out, boolean terminal) {
    this.stage = requireText(stage, "stage");
    this.unit = requireText(unit, "unit");
    if (interval.isNegative()) {
      throw new IllegalArgumentException("interval must be zero or positive, found " + interval);
    }
    this.total = total;
    this.intervalNanos = interval.toNanos();
    this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
    this.out = Objects.requireNonNull(out, "out");
    this.terminal = terminal;
    this.startNanos = nanoClock.getAsLong();
    this.lastEmitNanos = startNanos;
  }

  /**
   * A progress line on {@code System.out}: redrawn in place when stdout is a terminal, otherwise one plain
   * line every {@link #LOG_INTERVAL}.
   */
  public static ProgressLine toStdout(String stage, long total, String unit) {
    boolean terminal = System.console() != null;
    return to(System.out, stage, total, unit, terminal);
  }

  /** A progress line on {@code stream}; {@code terminal} chooses in-place redraw or one line per update. */
  public static ProgressLine to(PrintStream stream, String stage, long total, String unit, boolean terminal) {
    Consumer<String> sink = terminal
        ? text -> { stream.print(text); stream.flush(); }
        : stream::println;
    return new ProgressLine(stage, total, unit, terminal ? TERMINAL_INTERVAL : LOG_INTERVAL, System::nanoTime,
        sink, terminal);
  }

  /** Adds {@code units} done and prints a line if the interval has passed. */
  public synchronized void advance(long units) {
    if (units < 0) {
      throw new IllegalArgumentException("units done must be >= 0, found " + units);
    }
    update(done + units);
  }

  /** Sets the units done so far (for a caller that polls a counter) and prints a line if the interval has passed. */
  public synchronized void update(long doneSoFar) {
    if (finished) {
      return;
    }
    done = Math.max(done, doneSoFar);
    long now = nanoClock.getAsLong();
    if (now - lastEmitNanos >= intervalNanos) {
      emit(now);
    }
  }

  /** Prints the final line (once), whatever the interval; a terminal line then gets its newline. */
  public synchronized void finish() {
    if (finished) {
      return;
    }
    finished = true;
    long now = nanoClock.getAsLong();
    if (!(emittedOnce && lastEmittedDone == done && !terminal)) {
      emit(now);
    }
    if (terminal) {
      out.accept(System.lineSeparator());
    }
  }

  public synchronized long done() {
    return done;
  }

  private void emit(long now) {
    String line = render(now);
    out.accept(terminal ? "\r" + line : line);
    lastEmitNanos = now;
    lastEmittedDone = done;
    emittedOnce = true;
  }

  /** The text of the line at time {@code now}; package-private so tests can read it without printing. */
  String render(long now) {
    double elapsedSeconds = Math.max(0, now - startNanos) / 1e9;
    StringBuilder line = new StringBuilder(stage).append(": ").append(count(done));
    if (total > 0) {
      line.append('/').append(count(total)).append(' ').append(unit)
          .append(String.format(Locale.ROOT, " (%.1f%%)", 100.0 * done / total));
    } else {
      line.append(' ').append(unit);
    }
    double rate = elapsedSeconds > 0 ? done / elapsedSeconds : 0;
    line.append(" | ").append(rate(rate)).append(' ').append(unit).append("/s");
    if (total > 0) {
      if (done >= total) {
        line.append(" | done");
      } else if (rate > 0) {
        line.append(" | ETA ").append(duration((total - done) / rate));
      } else {
        line.append(" | ETA ?");
      }
    }
    line.append(" | elapsed ").append(duration(elapsedSeconds));
    return line.toString();
  }

  static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  static String rate(double perSecond) {
    if (perSecond >= 100) {
      return String.format(Locale.ROOT, "%,d", Math.round(perSecond));
    }
    return String.format(Locale.ROOT, "%.1f", perSecond);
  }

  /** 42s, 3m07s, 2h05m; seconds rounded up so a nearly finished stage never says 0s left. */
  static String duration(double seconds) {
    long s = (long) Math.ceil(seconds);
    if (s < 60) {
      return s + "s";
    }
    if (s < 3600) {
      return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }
    return String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
  }

  private static String requireText(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " must be a non-blank word, found '" + value + "'");
    }
    return value;
  }
}
