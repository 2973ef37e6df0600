package org.treasuremarkers.jobs.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;
import org.treasuremarkers.core.taxonomy.Category;
import org.treasuremarkers.core.taxonomy.DecimalCategory;
import org.treasuremarkers.core.taxonomy.IntegerCategory;
import org.treasuremarkers.core.taxonomy.Taxonomy;
import org.treasuremarkers.core.taxonomy.TaxonomyLoader;
import org.treasuremarkers.spark.inspect.MarkerStats;

/**
 * Builds the marker report from {@link MarkerStats}: one chart per taxonomy category (stacked by dataset), the
 * long tail, coverage by origin and, given a prepared set, the dropout effect; each chart as PNG with its CSV,
 * all linked from a self-contained {@code index.html} (relative links, no network).
 */
public final class MarkerReport {
  /** Datasets beyond this many (by rows) are summed into one "other" series, so legends stay readable. */
  static final int MAX_SERIES = 8;
  /** Decimal categories (quality) are drawn as a histogram with this many bins. */
  static final int BINS = 20;

  /** What was written. */
  public record Summary(Path index, long rows, int figures) {}

  private MarkerReport() {}

  public static Summary write(SparkSession spark, ReportOptions options) {
    Taxonomy taxonomy = options.taxonomy() == null ? TaxonomyLoader.loadDefault() : TaxonomyLoader.load(options.taxonomy());
    MarkerStats stats = MarkerStats.read(spark, options.annotated().toString(), taxonomy).persist();
    try {
      Files.createDirectories(options.output());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create report folder " + options.output() + ": " + e.getMessage(), e);
    }
    ReportPage page = new ReportPage("Marker report: " + options.annotated().toAbsolutePath().normalize().getFileName());
    Path out = options.output();

    // One Spark job for all per-category charts: counts per (marker, value, dataset) are small.
    Counts counts = Counts.of(stats.counts().collectAsList());
    long rows = counts.rows();
    page.summary(rows, counts.rowsPerDataset(), taxonomy, options);

    for (Category category : taxonomy.categories().values()) {
      page.figure("Markers", categoryFigure(out, category, counts));
    }
    page.figure("Long tail", longTailFigure(out, taxonomy, counts, options.tailShare()));
    Dataset<Row> tail = stats.longTail(options.tailShare());
    List<Row> tailRows = tail.collectAsList();
    CsvFile.write(out.resolve("long-tail.csv"), tail.columns(), tailRows);
    page.tailTable(tailRows, options.tailShare());

    page.figure("Coverage", coverageFigure(out, taxonomy, stats));

    if (options.prepared() != null) {
      MarkerStats prepared = MarkerStats.read(spark, options.prepared().toString(), taxonomy);
      page.figure("Dropout", dropoutFigure(out, prepared));
      page.dropoutKinds(prepared.dropoutKinds().collectAsList());
    }
    stats.unpersist();
    Path runReport = options.annotated().resolve("report.json");
    if (Files.exists(runReport)) {
      try {
        page.tagger(new com.fasterxml.jackson.databind.ObjectMapper().readTree(runReport.toFile()).path("tagger"));
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException("cannot read " + runReport, e);
      }
    }
    Path index = page.write(out.resolve("index.html"));
    return new Summary(index, rows, page.figures());
  }

  // ---- one chart per category ----

  static ReportPage.Figure categoryFigure(Path out, Category category, Counts counts) {
    String marker = category.name();
    Map<String, Map<String, Long>> byValue = counts.byValueAndDataset(marker); // value -> dataset -> count
    List<String> series = counts.seriesDatasets(MAX_SERIES);
    boolean numeric = category instanceof IntegerCategory || category instanceof DecimalCategory;
    List<String> xs = new ArrayList<>();
    List<List<Object>> csv = new ArrayList<>();
    Map<String, List<Number>> ys = new LinkedHashMap<>();
    series.forEach(s -> ys.put(s, new ArrayList<>()));
    String xTitle;
    if (numeric) {
      Histogram histogram = category instanceof IntegerCategory
          ? Histogram.powersOfTwo(byValue) : Histogram.equalWidth(byValue, BINS);
      xTitle = marker + (category instanceof IntegerCategory ? " (power-of-two bins)" : " (bins)");
      for (Histogram.Bin bin : histogram.bins()) {
        addX(xs, ys, csv, bin.label(), bin.perDataset(), series, counts);
      }
    } else {
      xTitle = marker;
      List<String> values = new ArrayList<>(category.values());
      byValue.keySet().stream().filter(v -> !values.contains(v) && !v.equals(MarkerStats.NO_VALUE)).sorted().forEach(values::add);
      if (byValue.containsKey(MarkerStats.NO_VALUE)) {
        values.add(MarkerStats.NO_VALUE);
      }
      for (String value : values) {
        addX(xs, ys, csv, value, byValue.getOrDefault(value, Map.of()), series, counts);
      }
    }
    if (numeric && byValue.containsKey(MarkerStats.NO_VALUE)) {
      addX(xs, ys, csv, MarkerStats.NO_VALUE, byValue.get(MarkerStats.NO_VALUE), series, counts);
    }
    CategoryChart chart = Charts.bars(marker, xTitle, "rows", xs, ys, true);
    String file = "marker-" + marker;
    Charts.writePng(chart, out.resolve(file + ".png"));
    CsvFile.write(out.resolve(file + ".csv"), List.of(numeric ? "bin" : "value", "dataset", "count"), csv);
    return new ReportPage.Figure(file, marker, file + ".png", file + ".csv", categoryCaption(category, byValue, counts.rows()));
  }

  private static void addX(List<String> xs, Map<String, List<Number>> ys, List<List<Object>> csv, String x,
      Map<String, Long> perDataset, List<String> series, Counts counts) {
    xs.add(x);
    Map<String, Long> perSeries = new LinkedHashMap<>();
    series.forEach(s -> perSeries.put(s, 0L));
    perDataset.forEach((dataset, n) -> perSeries.merge(counts.seriesOf(dataset, series), n, Long::sum));
    perSeries.forEach((s, n) -> ys.get(s).add(n));
    new TreeMap<>(perDataset).forEach((dataset, n) -> csv.add(List.of(x, dataset, n)));
  }

  private static String categoryCaption(Category category, Map<String, Map<String, Long>> byValue, long rows) {
    long none = total(byValue.getOrDefault(MarkerStats.NO_VALUE, Map.of()));
    String top = byValue.entrySet().stream().filter(e -> !e.getKey().equals(MarkerStats.NO_VALUE))
        .max(Comparator.comparingLong((Map.Entry<String, Map<String, Long>> e) -> total(e.getValue()))
            .thenComparing(Map.Entry::getKey, Comparator.reverseOrder()))
        .map(e -> "most frequent: " + e.getKey() + " (" + percent(total(e.getValue()), rows) + ")").orElse("no values");
    int distinct = byValue.size() - (none > 0 ? 1 : 0);
    String listed = category.values().isEmpty() ? "" : " of " + category.values().size() + " listed";
    return category.description() + " " + percent(rows - none, rows) + " of rows have a value; " + distinct
        + " distinct values" + listed + "; " + top + ".";
  }

  // ---- long tail ----

  static ReportPage.Figure longTailFigure(Path out, Taxonomy taxonomy, Counts counts, double tailShare) {
    Map<String, double[][]> series = new LinkedHashMap<>();
    List<List<Object>> csv = new ArrayList<>();
    int maxRank = 1;
    for (Category category : taxonomy.categories().values()) {
      if (category.values().isEmpty()) {
        continue; // free numbers have no long tail of values
      }
      Map<String, Long> overall = new TreeMap<>();
      counts.byValueAndDataset(category.name()).forEach((v, perDataset) -> {
        if (!v.equals(MarkerStats.NO_VALUE)) {
          overall.put(v, total(perDataset));
        }
      });
      List<Map.Entry<String, Long>> ranked = new ArrayList<>(overall.entrySet());
      ranked.sort(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
      if (ranked.isEmpty()) {
        continue;
      }
      double[] x = new double[ranked.size()];
      double[] y = new double[ranked.size()];
      for (int i = 0; i < ranked.size(); i++) {
        double share = (double) ranked.get(i).getValue() / counts.rows();
        x[i] = i + 1;
        y[i] = share;
        csv.add(List.of(category.name(), i + 1, ranked.get(i).getKey(), ranked.get(i).getValue(), share));
      }
      maxRank = Math.max(maxRank, ranked.size());
      series.put(category.name(), new double[][] {x, y});
    }
    XYChart chart = Charts.lines("Share of rows by value rank (log scale)", "rank of value within its marker",
        "share of rows", series, true);
    chart.getStyler().setYAxisDecimalPattern("0.##%");
    Charts.horizontalLine(chart, "tail threshold " + percent(tailShare), tailShare, 1, maxRank);
    Charts.writePng(chart, out.resolve("long-tail.png"));
    CsvFile.write(out.resolve("long-tail-ranks.csv"), List.of("marker", "rank", "value", "count", "share"), csv);
    return new ReportPage.Figure("long-tail", "long tail", "long-tail.png", "long-tail-ranks.csv",
        "Each line is one marker with listed values, its values ranked from most to least frequent. Values under the"
            + " dashed line (" + percent(tailShare) + " of rows) are the long tail, listed in the table below with"
            + " the taxonomy values no row has.");
  }

  // ---- coverage ----

  static ReportPage.Figure coverageFigure(Path out, Taxonomy taxonomy, MarkerStats stats) {
    Dataset<Row> byOrigin = stats.coverageByOrigin();
    List<Row> rows = byOrigin.collectAsList();
    List<String> markers = new ArrayList<>(taxonomy.names());
    List<String> origins = new ArrayList<>(List.of("input", "dataset", "rule", "model"));
    rows.stream().map(r -> r.getString(1)).distinct().sorted()
        .filter(o -> !origins.contains(o) && !o.equals(MarkerStats.NO_VALUE)).forEach(origins::add);
    origins.add(MarkerStats.NO_VALUE);
    Map<String, List<Number>> ys = new LinkedHashMap<>();
    for (String origin : origins) {
      List<Number> shares = new ArrayList<>();
      for (String marker : markers) {
        shares.add(rows.stream().filter(r -> r.getString(0).equals(marker) && r.getString(1).equals(origin))
            .mapToDouble(r -> r.getDouble(3)).sum());
      }
      ys.put(origin.equals(MarkerStats.NO_VALUE) ? "no value" : origin, shares);
    }
    CategoryChart chart = Charts.bars("Coverage: where each marker's value came from", "marker", "share of rows",
        markers, ys, true);
    chart.getStyler().setYAxisMax(1.0);
    chart.getStyler().setYAxisDecimalPattern("0%");
    Charts.writePng(chart, out.resolve("coverage.png"));
    CsvFile.write(out.resolve("coverage.csv"), byOrigin.columns(), rows);
    return new ReportPage.Figure("coverage", "coverage", "coverage.png", "coverage.csv",
        "Share of rows per marker by the origin of its value (input, dataset definition, rule, model); the top part"
            + " of each bar is the share of rows with no value.");
  }

  // ---- dropout ----

  static ReportPage.Figure dropoutFigure(Path out, MarkerStats prepared) {
    Dataset<Row> effect = prepared.dropoutEffect();
    List<Row> rows = effect.collectAsList();
    List<String> markers = new ArrayList<>();
    List<Number> completion = new ArrayList<>();
    List<Number> prompt = new ArrayList<>();
    for (Row r : rows) {
      markers.add(r.getString(0));
      completion.add(r.getDouble(4));
      prompt.add(r.getDouble(5));
    }
    Map<String, List<Number>> ys = new LinkedHashMap<>();
    ys.put("completion side (markers)", completion);
    ys.put("prompt side after dropout (prompt_markers)", prompt);
    CategoryChart chart = Charts.bars("Dropout: markers shown on each side", "marker", "share of rows", markers, ys, false);
    chart.getStyler().setYAxisMax(1.0);
    chart.getStyler().setYAxisDecimalPattern("0%");
    chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideS);
    Charts.writePng(chart, out.resolve("dropout.png"));
    CsvFile.write(out.resolve("dropout.csv"), effect.columns(), rows);
    double kept = rows.stream().mapToLong(r -> r.getLong(3)).sum()
        / (double) Math.max(1, rows.stream().mapToLong(r -> r.getLong(2)).sum());
    return new ReportPage.Figure("dropout", "dropout effect", "dropout.png", "dropout.csv",
        "Per marker, the share of prepared rows whose completion template has it (always all markers) and whose"
            + " prompt template still has it after dataset- and sample-level dropout. Overall "
            + percent(kept) + " of the completion-side markers remain on the prompt side.");
  }

  // ---- small helpers ----

  static long total(Map<String, Long> perDataset) {
    return perDataset.values().stream().mapToLong(Long::longValue).sum();
  }

  static String percent(long part, long whole) {
    return whole == 0 ? "0%" : percent((double) part / whole);
  }

  static String percent(double fraction) {
    double p = fraction * 100;
    double size = Math.abs(p); // deltas are negative too
    return size == 0 || size >= 10 ? String.format(Locale.ROOT, "%.0f%%", p)
        : size >= 1 ? String.format(Locale.ROOT, "%.1f%%", p) : String.format(Locale.ROOT, "%.2f%%", p);
  }
}
