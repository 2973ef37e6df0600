package org.treasuremarkers.spark.dropout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.treasuremarkers.spark.TestSpark;

class SampleDropoutTest {
  private static final int ROWS = 10_000;
  private static Dataset<Row> examples;

  @BeforeAll
  static void generate() {
    examples = SyntheticAnnotatedExamples.generate(TestSpark.session(), ROWS, 8, 3, 12).cache();
  }

  @AfterAll
  static void release() {
    examples.unpersist();
  }

  @Test
  void roundingIsHalfUpOnTheDecimalRate() {
    assertEquals(0, SampleDropout.markersToDrop(0.5, 0));
    assertEquals(1, SampleDropout.markersToDrop(0.5, 1));
    assertEquals(1, SampleDropout.markersToDrop(0.5, 2));
    assertEquals(2, SampleDropout.markersToDrop(0.5, 3));
    assertEquals(3, SampleDropout.markersToDrop(0.5, 5));
    assertEquals(2, SampleDropout.markersToDrop(0.15, 10)); // 1.5 up; the double product is 1.4999999999999998
    assertEquals(1, SampleDropout.markersToDrop(0.25, 2));
    assertEquals(0, SampleDropout.markersToDrop(0.24, 2));
    assertEquals(4, SampleDropout.markersToDrop(0.35, 10));
    assertEquals(0, SampleDropout.markersToDrop(0.0, 13));
    assertEquals(13, SampleDropout.markersToDrop(1.0, 13));
  }

  @Test
  void edgeRatesRoundLikeSparksDecimalRound() {
    // Rates whose product with n lands on .5 in decimal but not in binary floating point.
    Dataset<Row> afterDataset = new DatasetDropout().setRate(0).transform(examples.filter("id like '%1'"));
    for (double rate : new double[] {0.15, 0.35, 0.45}) {
      List<Row> stage = new SampleDropout().setRate(rate).transform(afterDataset)
          .select("id", "markers", "prompt_markers").orderBy("id").collectAsList();
      List<Row> oracle = SqlSampleDropoutOracle.apply(afterDataset, 20250617L, rate, Set.of(), Set.of())
          .select("id", "markers", "prompt_markers").orderBy("id").collectAsList();
      assertEquals(oracle, stage, "rate " + rate);
      for (Row r : stage) {
        int n = r.<String, String>getJavaMap(1).size();
        int removed = n - r.<String, String>getJavaMap(2).size();
        assertEquals(SampleDropout.markersToDrop(rate, n), removed, "rate " + rate + " n " + n);
      }
    }
  }

  @Test
  void removesExactlyKDroppableMarkersChosenByTheSeededHash() {
    Set<String> protectedKeys = Set.of("lang", "task");
    Set<String> excluded = Set.of("quality");
    List<Row> rows = run(0.3, 0.5, protectedKeys.toArray(new String[0]), excluded.toArray(new String[0]));
    int sampled = 0;
    for (Row r : rows) {
      String id = r.getString(0);
      Map<String, String> markers = r.getJavaMap(1);
      Map<String, String> shown = r.getJavaMap(2);
      String dropout = r.getString(3);
      assertTrue(markers.entrySet().containsAll(shown.entrySet()), id + ": prompt markers not a subset");
      assertFalse(shown.containsKey("quality"), id + ": an excluded marker reached the prompt side");
      if (DropoutHash.unit(20250617L, id) < 0.3) {
        assertEquals("dataset", dropout, id);
        assertTrue(shown.isEmpty(), id);
        continue;
      }
      Set<String> droppable = new HashSet<>(markers.keySet());
      droppable.removeAll(protectedKeys);
      droppable.removeAll(excluded);
      int k = SampleDropout.markersToDrop(0.5, droppable.size());
      Set<String> removed = new HashSet<>(droppable);
      removed.removeAll(shown.keySet());
      assertEquals(k, removed.size(), id + ": removed " + removed + " of " + droppable);
      for (String key : protectedKeys) {
        assertEquals(markers.get(key), shown.get(key), id + ": protected marker " + key);
      }
      assertEquals(k > 0 ? "sample" : "none", dropout, id);
      sampled += k > 0 ? 1 : 0;
    }
    assertTrue(sampled > ROWS / 2, "sample-level dropout touched only " + sampled + " rows");
  }

  @Test
  void rateZeroChangesNothingAndRateOneRemovesEveryPromptMarker() {
    for (Row r : run(0.0, 0.0, new String[0], new String[0])) {
      assertEquals(r.getJavaMap(1), r.getJavaMap(2), r.getString(0));
      assertEquals("none", r.getString(3));
    }
    for (Row r : run(0.0, 1.0, new String[0], new String[0])) {
      assertTrue(r.getJavaMap(2).isEmpty(), r.getString(0));
      assertEquals(r.getJavaMap(1).isEmpty() ? "none" : "sample", r.getString(3));
    }
    // Rate 1 with protected markers keeps exactly those.
    for (Row r : run(0.0, 1.0, new String[] {"lang"}, new String[] {"quality"})) {
      Map<String, String> markers = r.getJavaMap(1);
      assertEquals(Map.of("lang", markers.get("lang")), r.getJavaMap(2), r.getString(0));
    }
  }

  @Test
  void agreesRowForRowWithTheSqlExpressionOracle() {
    Dataset<Row> afterDataset = new DatasetDropout().setRate(0.3).transform(examples);
    Dataset<Row> stage = new SampleDropout().setRate(0.5).setProtectedMarkers("lang").setPromptExcludedMarkers("quality")
        .transform(afterDataset);
    Dataset<Row> oracle = SqlSampleDropoutOracle.apply(afterDataset, 20250617L, 0.5, Set.of("lang"), Set.of("quality"));
    assertEquals(oracle.select("id", "prompt_markers", "dropout").orderBy("id").collectAsList(),
        stage.select("id", "prompt_markers", "dropout").orderBy("id").collectAsList());
  }

  @Test
  void theRowByRowJavaVersionUsedByTheBenchmarkAgrees() {
    Dataset<Row> sql = new SampleDropout().setRate(0.5).setProtectedMarkers("lang").setPromptExcludedMarkers("quality")
        .transform(new DatasetDropout().setRate(0.3).transform(examples));
    Dataset<Row> java = JavaRowDropout.apply(examples, 20250617L, 0.3, 0.5, Set.of("lang"), Set.of("quality"));
    assertEquals(sql.select("id", "prompt_markers", "dropout").orderBy("id").collectAsList(),
        java.select("id", "prompt_markers", "dropout").orderBy("id").collectAsList());
  }

  @Test
  void refusesInputWithoutDatasetDropoutColumns() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SampleDropout().transform(examples));
    assertTrue(e.getMessage().contains("no column 'prompt_markers' (param promptMarkersCol)")
        && e.getMessage().contains("run DatasetDropout first"), e.getMessage());
  }

  /** Rows (id, markers, prompt_markers, dropout) after both dropout stages. */
  private static List<Row> run(double datasetRate, double sampleRate, String[] protectedKeys, String[] excluded) {
    Dataset<Row> afterDataset = new DatasetDropout().setRate(datasetRate).transform(examples);
    return new SampleDropout().setRate(sampleRate).setProtectedMarkers(protectedKeys).setPromptExcludedMarkers(excluded)
        .transform(afterDataset).select("id", "markers", "prompt_markers", "dropout").collectAsList();
  }
}
