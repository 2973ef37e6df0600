package org.treasuremarkers.jobs.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PercentTest {
  @Test
  void keepsTwoOrThreeSignificantDigitsWhateverTheSign() {
    assertEquals("0%", MarkerReport.percent(0.0));
    assertEquals("56%", MarkerReport.percent(0.5561));
    assertEquals("2.0%", MarkerReport.percent(250 / 12460.0));
    assertEquals("0.08%", MarkerReport.percent(0.0008));
    assertEquals("-19%", MarkerReport.percent(-0.1891));
    assertEquals("-1.5%", MarkerReport.percent(-0.0153));
    assertEquals("50%", MarkerReport.percent(1, 2));
    assertEquals("0%", MarkerReport.percent(1, 0));
  }
}
