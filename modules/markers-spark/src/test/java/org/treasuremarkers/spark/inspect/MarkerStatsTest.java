package org.treasuremarkers.spark.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.treasuremarkers.core.taxonomy.Category;
import org.treasuremarkers.core.taxonomy.Taxonomy;
import org.treasuremarkers.core.taxonomy.TaxonomyLoader;
import org.treasuremarkers.spark.TestSpark;

/** MarkerStats on a seeded synthetic run written to disk like annotate-job's output; expected counts from plain Java. */
class MarkerStatsTest {
  private static final Taxonomy TAXONOMY = TaxonomyLoader.loadDefault();
  private static final SyntheticRun RUN = SyntheticRun.generate(TAXONOMY, 7, 600);

  @TempDir
  static Path tmp;
  static SparkSession spark;
  static MarkerStats stats;

  @BeforeAll
  static void writeRun() {
    spark = TestSpark.session();
    RUN.writeAnnotated(spark, tmp.resolve("annotated"));
    stats = MarkerStats.read(spark, tmp.resolve("annotated").toString(), TAXONOMY).persist();
  }

  @Test
  void distributionHasTheGeneratedCountsAndSharesThatAddUpToOne() {
    assertEquals(600, stats.rows());
    // one category of each kind (categorical, bucket, integer, decimal, quantile); countsEqualStatsMarkersCsv covers all
    for (String marker : List.of("lang", "length_bucket", "length_tokens", "quality", "quality_bucket")) {
      List<Row> rows = stats.distribution(marker).collectAsList();
      Map<String, Long> counts = new TreeMap<>();
      double shares = 0;
      for (Row r : rows) {
        counts.put(r.getString(0), r.getLong(1));
        assertEquals(r.getLong(1) / 600.0, r.getDouble(2), 1e-12, marker);
        shares += r.getDouble(2);
      }
      assertEquals(RUN.counts(marker), counts, marker);
      assertEquals(1.0, shares, 1e-9, marker);
    }
  }

  @Test
  void listedValuesComeInTaxonomyOrderAndNumbersInNumericOrderWithNoValueLast() {
    List<String> langs = values(stats.distribution("lang").collectAsList());
    List<String> expected = new ArrayList<>();
    for (String v : TAXONOMY.category("lang").values()) {
      if (RUN.counts("lang").containsKey(v)) {
        expected.add(v);
      }
    }
    expected.add(MarkerStats.NO_VALUE);
    assertEquals(expected, langs);

    List<String> tokens = values(stats.distribution("length_tokens").collectAsList());
    for (int i = 1; i < tokens.size() - 1; i++) {
      assertTrue(Long.parseLong(tokens.get(i - 1)) < Long.parseLong(tokens.get(i)), tokens.toString());
    }
  }

  @Test
  void distributionByDatasetSharesAreOfTheDatasetRows() {
    List<Row> rows = stats.distributionByDataset("task").collectAsList();
    for (String dataset : SyntheticRun.DATASETS) {
      Map<String, Long> expected = RUN.counts("task", e -> e.dataset().equals(dataset));
      long datasetRows = expected.values().stream().mapToLong(Long::longValue).sum();
      Map<String, Long> counts = new TreeMap<>();
      for (Row r : rows) {
        if (r.getString(0).equals(dataset)) {
          counts.put(r.getString(1), r.getLong(2));
          assertEquals((double) r.getLong(2) / datasetRows, r.getDouble(3), 1e-12);
        }
      }
      assertEquals(expected, counts, dataset);
    }
  }

  @Test
  void countsEqualStatsMarkersCsv() {
    Path csv = tmp.resolve("annotated/stats/markers.csv");
    MarkersCsvAgreement.assertAgrees(csv, stats, "");
  }

  @Test
  void longTailHoldsEveryListedValueUnderTheThresholdIncludingValuesNoRowHas() {
    double threshold = 0.03;
    Map<String, Long> expected = new TreeMap<>();
    for (Category category : TAXONOMY.categories().values()) {
      Map<String, Long> counts = RUN.counts(category.name());
      for (String value : category.values()) {
        long n = counts.getOrDefault(value, 0L);
        if (n / 600.0 < threshold) {
          expected.put(category.name() + "=" + value, n);
        }
      }
    }
    List<Row> tail = stats.longTail(threshold).collectAsList();
    Map<String, Long> actual = new TreeMap<>();
    double previous = -1;
    for (Row r : tail) {
      actual.put(r.getString(0) + "=" + r.getString(1), r.getLong(2));
      assertTrue(r.getDouble(3) >= previous, "rarest first");
      previous = r.getDouble(3);
    }
    assertEquals(expected, actual);
    assertTrue(expected.containsValue(0L), "the seeded run leaves some taxonomy values unused: " + expected);
    assertTrue(expected.keySet().stream().noneMatch(k -> k.startsWith("length_tokens=")), "free numbers have no tail");

    List<Row> langTail = stats.longTail("lang", threshold).collectAsList();
    assertEquals(expected.keySet().stream().filter(k -> k.startsWith("lang=")).count(), langTail.size());
  }

  @Test
  void coverageCountsRowsWithoutAValuePerMarkerAndPerOrigin() {
    List<Row> coverage = stats.coverage().collectAsList();
    assertEquals(new ArrayList<>(TAXONOMY.names()), coverage.stream().map(r -> r.getString(0)).toList(), "taxonomy order");
    for (Row r : coverage) {
      long missing = RUN.counts(r.getString(0)).getOrDefault(MarkerStats.NO_VALUE, 0L);
      assertEquals(600L, r.getLong(1));
      assertEquals(600L - missing, r.getLong(2));
      assertEquals(missing, r.getLong(3));
      assertEquals(missing / 600.0, r.getDouble(4), 1e-12);
    }
    List<Row> byOrigin = stats.coverageByOrigin().collectAsList();
    for (String marker : TAXONOMY.names()) {
      Map<String, Long> actual = new TreeMap<>();
      for (Row r : byOrigin) {
        if (r.getString(0).equals(marker)) {
          actual.put(r.getString(1), r.getLong(2));
          assertEquals(r.getLong(2) / 600.0, r.getDouble(3), 1e-12);
        }
      }
      assertEquals(RUN.originCounts(marker), actual, marker);
    }
  }

  @Test
  void dropoutEffectComparesPromptAndCompletionSides() {
    Path prepared = RUN.writePrepared(spark, tmp.resolve("prepared"), 11);
    MarkerStats preparedStats = MarkerStats.read(spark, prepared.toString(), TAXONOMY);
    List<SyntheticRun.Prepared> rows = RUN.prepare(11);
    for (Row r : preparedStats.dropoutEffect().collectAsList()) {
      String marker = r.getString(0);
      long completion = rows.stream().filter(p -> p.example().markers().containsKey(marker)).count();
      long prompt = rows.stream().filter(p -> p.promptMarkers().containsKey(marker)).count();
      assertEquals(600L, r.getLong(1));
      assertEquals(completion, r.getLong(2), marker);
      assertEquals(prompt, r.getLong(3), marker);
      assertEquals(completion / 600.0, r.getDouble(4), 1e-12);
      assertEquals(prompt / 600.0, r.getDouble(5), 1e-12);
      assertEquals((double) prompt / completion, r.getDouble(6), 1e-12);
      assertTrue(prompt < completion, "dropout removed some " + marker);
    }
    Map<String, Long> kinds = new TreeMap<>();
    preparedStats.dropoutKinds().collectAsList().forEach(r -> kinds.put(r.getString(0), r.getLong(1)));
    Map<String, Long> expected = new TreeMap<>();
    rows.forEach(p -> expected.merge(p.dropout(), 1L, Long::sum));
    assertEquals(expected, kinds);

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> stats.dropoutEffect());
    assertTrue(e.getMessage().contains("prompt_markers"), e.getMessage());
  }

  @Test
  void unknownMarkerNamesAndMissingColumnsGetErrorsThatSayWhatToDo() {
    Exception unknown = assertThrows(RuntimeException.class, () -> stats.distribution("colour"));
    assertTrue(unknown.getMessage().contains("colour") && unknown.getMessage().contains("lang"), unknown.getMessage());
    Exception columns = assertThrows(IllegalArgumentException.class,
        () -> MarkerStats.of(spark.range(3).toDF("id"), TAXONOMY));
    assertTrue(columns.getMessage().contains("'dataset'") && columns.getMessage().contains("annotated-example.schema.json"),
        columns.getMessage());
    Exception folder = assertThrows(IllegalArgumentException.class,
        () -> MarkerStats.read(spark, tmp.resolve("nowhere").toString(), TAXONOMY));
    assertTrue(folder.getMessage().contains("nowhere"), folder.getMessage());
    assertTrue(stats.unknownMarkers().collectAsList().isEmpty());
    assertFalse(stats.longTail(1.0).collectAsList().isEmpty());
    assertThrows(IllegalArgumentException.class, () -> stats.longTail(0));
  }

  private static List<String> values(List<Row> rows) {
    return rows.stream().map(r -> r.getString(0)).toList();
  }
}
