package org.treasuremarkers.jobs.report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;

/**
 * The collected {@code marker, value, dataset, count} table (MarkerStats.counts()), indexed for drawing.
 * Small: one row per marker value and dataset.
 */
final class Counts {
  private final Map<String, Map<String, Map<String, Long>>> byMarker = new HashMap<>();
  private final Map<String, Long> rowsPerDataset = new TreeMap<>();

  private Counts() {}

  static Counts of(List<Row> rows) {
    Counts counts = new Counts();
    String first = null;
    for (Row r : rows) {
      String marker = r.getString(0);
      String value = r.getString(1);
      String dataset = r.getString(2);
      long n = r.getLong(3);
      counts.byMarker.computeIfAbsent(marker, m -> new HashMap<>()).computeIfAbsent(value, v -> new TreeMap<>())
          .merge(dataset, n, Long::sum);
      if (first == null) {
        first = marker;
      }
      if (marker.equals(first)) { // every row counts once under every marker: one marker gives the row counts
        counts.rowsPerDataset.merge(dataset, n, Long::sum);
      }
    }
    return counts;
  }

  long rows() {
    return rowsPerDataset.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Datasets by rows, largest first. */
  Map<String, Long> rowsPerDataset() {
    Map<String, Long> sorted = new LinkedHashMap<>();
    rowsPerDataset.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .forEach(e -> sorted.put(e.getKey(), e.getValue()));
    return sorted;
  }

  /** value -> dataset -> count for one marker (empty when no row was counted). */
  Map<String, Map<String, Long>> byValueAndDataset(String marker) {
    return byMarker.getOrDefault(marker, Map.of());
  }

  /** The datasets drawn as their own series: the largest {@code max - 1}, then "other" for the rest. */
  List<String> seriesDatasets(int max) {
    List<String> datasets = new ArrayList<>(rowsPerDataset().keySet());
    if (datasets.size() <= max) {
      return datasets;
    }
    List<String> series = new ArrayList<>(datasets.subList(0, max - 1));
    series.add(OTHER);
    return series;
  }

  static final String OTHER = "other datasets";

  String seriesOf(String dataset, List<String> series) {
    return series.contains(dataset) ? dataset : OTHER;
  }
}
