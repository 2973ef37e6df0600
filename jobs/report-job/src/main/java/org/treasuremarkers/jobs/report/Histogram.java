package org.treasuremarkers.jobs.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.treasuremarkers.spark.inspect.MarkerStats;

/**
 * Bins over a numeric marker's values, counts kept per dataset. Integer markers (lengths, counts) get
 * power-of-two bins (0, 1, 2-3, 4-7, ...): lengths are skewed, and equal-width bins would put most rows in
 * the first bar. Decimal markers (quality) get equal-width bins over their observed range.
 */
final class Histogram {
  record Bin(String label, double from, double to, Map<String, Long> perDataset) {}

  private final List<Bin> bins;

  private Histogram(List<Bin> bins) {
    this.bins = bins;
  }

  List<Bin> bins() {
    return bins;
  }

  /** @param byValue value -> dataset -> count; {@link MarkerStats#NO_VALUE} and unparsable values are left out */
  static Histogram powersOfTwo(Map<String, Map<String, Long>> byValue) {
    long max = -1;
    for (String value : byValue.keySet()) {
      Double x = parse(value);
      if (x != null) {
        max = Math.max(max, (long) Math.floor(x));
      }
    }
    List<double[]> edges = new ArrayList<>();
    if (max >= 0) {
      edges.add(new double[] {0, 0});
      for (long from = 1; from <= max; from *= 2) {
        edges.add(new double[] {from, 2 * from - 1});
      }
    }
    return fill(byValue, edges, true);
  }

  static Histogram equalWidth(Map<String, Map<String, Long>> byValue, int count) {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (String value : byValue.keySet()) {
      Double x = parse(value);
      if (x != null) {
        min = Math.min(min, x);
        max = Math.max(max, x);
      }
    }
    List<double[]> edges = new ArrayList<>();
    if (min <= max) {
      double width = max > min ? (max - min) / count : 1;
      int n = max > min ? count : 1;
      for (int i = 0; i < n; i++) {
        edges.add(new double[] {min + i * width, i == n - 1 ? max : min + (i + 1) * width});
      }
    }
    return fill(byValue, edges, false);
  }

  /** Puts each value in the last bin whose lower edge it reaches. */
  private static Histogram fill(Map<String, Map<String, Long>> byValue, List<double[]> edges, boolean integer) {
    List<Map<String, Long>> perBin = new ArrayList<>();
    edges.forEach(e -> perBin.add(new TreeMap<>()));
    for (Map.Entry<String, Map<String, Long>> e : byValue.entrySet()) {
      Double x = parse(e.getKey());
      if (x == null) {
        continue;
      }
      int bin = 0;
      for (int i = 0; i < edges.size(); i++) {
        if (x >= edges.get(i)[0]) {
          bin = i;
        }
      }
      int target = bin;
      e.getValue().forEach((dataset, n) -> perBin.get(target).merge(dataset, n, Long::sum));
    }
    List<Bin> bins = new ArrayList<>();
    for (int i = 0; i < edges.size(); i++) {
      double from = edges.get(i)[0];
      double to = edges.get(i)[1];
      String label = integer
          ? (from == to ? String.format(Locale.ROOT, "%.0f", from) : String.format(Locale.ROOT, "%.0f-%.0f", from, to))
          : String.format(Locale.ROOT, "%.2f-%.2f", from, to);
      bins.add(new Bin(label, from, to, perBin.get(i)));
    }
    return new Histogram(bins);
  }

  private static Double parse(String value) {
    if (value == null || value.equals(MarkerStats.NO_VALUE)) {
      return null;
    }
    try {
      return Double.parseDouble(value);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
