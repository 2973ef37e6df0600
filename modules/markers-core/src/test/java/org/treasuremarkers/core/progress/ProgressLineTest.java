package org.treasuremarkers.core.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressLineTest {
  private static final long SECOND = 1_000_000_000L;

  /** A clock the test moves by hand. */
  private static final class FakeClock {
    long nanos = 1_000 * SECOND;

    void seconds(double s) {
      nanos += (long) (s * SECOND);
    }
  }

  private final FakeClock clock = new FakeClock();
  private final List<String> lines = new ArrayList<>();

  private ProgressLine logLine(long total, Duration interval) {
    return new ProgressLine("annotate", total, "rows", interval, () -> clock.nanos, lines::add, false);
  }

  @Test
  void formatsStageCountsRateEtaAndElapsed() {
    ProgressLine p = logLine(100_000, Duration.ofSeconds(10));
    clock.seconds(8);
    p.update(12_000);
    clock.seconds(2);
    p.update(15_000);
    assertEquals(List.of("annotate: 15,000/100,000 rows (15.0%) | 1,500 rows/s | ETA 57s | elapsed 10s"), lines);
  }

  @Test
  void unknownTotalShowsNoPercentageAndNoEta() {
    ProgressLine p = logLine(0, Duration.ZERO);
    clock.seconds(4);
    p.advance(10);
    assertEquals(List.of("annotate: 10 rows | 2.5 rows/s | elapsed 4s"), lines);
  }

  @Test
  void throttlesToOneLinePerInterval() {
    ProgressLine p = logLine(1_000, Duration.ofSeconds(10));
    for (int i = 0; i < 100; i++) { // 100 updates over 29.7 s
      clock.seconds(0.3);
      p.advance(5);
    }
    // lines at 10.2 s, 20.4 s (first advance at least 10 s after the previous line), nothing else yet
    assertEquals(2, lines.size(), lines.toString());
    assertTrue(lines.get(0).startsWith("annotate: 170/1,000 rows (17.0%) | 16.7 rows/s"), lines.get(0));
    assertTrue(lines.get(1).startsWith("annotate: 340/1,000 rows (34.0%)"), lines.get(1));
    p.finish();
    assertEquals(3, lines.size());
    assertEquals("annotate: 500/1,000 rows (50.0%) | 16.7 rows/s | ETA 30s | elapsed 30s", lines.get(2));
    p.finish();
    p.advance(1);
    assertEquals(3, lines.size(), "nothing after finish");
  }

  @Test
  void finishSaysDoneAndDoesNotRepeatALineJustPrinted() {
    ProgressLine p = logLine(200, Duration.ZERO);
    clock.seconds(65);
    p.update(200);
    p.finish();
    assertEquals(List.of("annotate: 200/200 rows (100.0%) | 3.1 rows/s | done | elapsed 1m05s"), lines);
  }

  @Test
  void longDurationsUseHoursAndMinutes() {
    assertEquals("0s", ProgressLine.duration(0));
    assertEquals("1s", ProgressLine.duration(0.2));
    assertEquals("59s", ProgressLine.duration(59));
    assertEquals("1m00s", ProgressLine.duration(60));
    assertEquals("2h05m", ProgressLine.duration(2 * 3600 + 5 * 60 + 59));
  }

  @Test
  void logModeWritesPlainLinesWithoutCarriageReturns() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ProgressLine p = ProgressLine.to(new PrintStream(bytes, true, StandardCharsets.UTF_8), "train", 3, "steps", false);
    p.advance(1);
    p.advance(2);
    p.finish();
    String text = bytes.toString(StandardCharsets.UTF_8);
    assertFalse(text.contains("\r"), text);
    assertTrue(text.startsWith("train: 3/3 steps (100.0%)"), text);
    assertEquals(1, text.lines().count(), "updates within the 10 s log interval print nothing; finish prints one line");
  }

  @Test
  void terminalModeRedrawsInPlaceAndEndsWithANewline() {
    List<String> out = new ArrayList<>();
    ProgressLine p = new ProgressLine("train", 10, "steps", Duration.ofSeconds(1), () -> clock.nanos, out::add, true);
    clock.seconds(1);
    p.advance(5);
    p.finish();
    assertEquals(3, out.size());
    assertTrue(out.get(0).startsWith("\rtrain: 5/10 steps (50.0%)"), out.get(0));
    assertTrue(out.get(1).startsWith("\rtrain: 5/10 steps"), out.get(1));
    assertEquals(System.lineSeparator(), out.get(2));
  }

  @Test
  void rejectsBadArguments() {
    assertThrows(IllegalArgumentException.class, () -> logLine(1, Duration.ofSeconds(-1)));
    ProgressLine p = logLine(1, Duration.ZERO);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p.advance(-1));
    assertTrue(e.getMessage().contains("-1"));
  }
}
