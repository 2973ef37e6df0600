package org.treasuremarkers.jobs.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.treasuremarkers.spark.inspect.MarkerStats;

class HistogramTest {
  @Test
  void integerValuesFallInPowerOfTwoBins() {
    Map<String, Map<String, Long>> byValue = Map.of(
        "0", Map.of("a", 1L), "1", Map.of("a", 2L), "3", Map.of("b", 1L), "5", Map.of("a", 3L, "b", 1L),
        "1000", Map.of("a", 1L), MarkerStats.NO_VALUE, Map.of("a", 9L));
    List<Histogram.Bin> bins = Histogram.powersOfTwo(byValue).bins();
    assertEquals(List.of("0", "1", "2-3", "4-7", "8-15", "16-31", "32-63", "64-127", "128-255", "256-511", "512-1023"),
        bins.stream().map(Histogram.Bin::label).toList());
    assertEquals(Map.of("a", 1L), bins.get(0).perDataset());
    assertEquals(Map.of("a", 2L), bins.get(1).perDataset());
    assertEquals(Map.of("b", 1L), bins.get(2).perDataset());
    assertEquals(Map.of("a", 3L, "b", 1L), bins.get(3).perDataset());
    assertEquals(Map.of("a", 1L), bins.get(10).perDataset());
  }

  @Test
  void decimalValuesFallInEqualWidthBinsWithTheMaximumInTheLast() {
    Map<String, Map<String, Long>> byValue = Map.of("1.00", Map.of("a", 1L), "2.49", Map.of("a", 2L),
        "2.50", Map.of("b", 1L), "5.00", Map.of("a", 4L));
    List<Histogram.Bin> bins = Histogram.equalWidth(byValue, 4).bins();
    assertEquals(List.of("1.00-2.00", "2.00-3.00", "3.00-4.00", "4.00-5.00"), bins.stream().map(Histogram.Bin::label).toList());
    assertEquals(List.of(Map.of("a", 1L), Map.of("a", 2L, "b", 1L), Map.of(), Map.of("a", 4L)),
        bins.stream().map(Histogram.Bin::perDataset).toList());
    assertEquals(1, Histogram.equalWidth(Map.of("3.00", Map.of("a", 1L)), 20).bins().size(), "one value, one bin");
  }
}
