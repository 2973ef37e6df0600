package org.treasuremarkers.spark.dropout;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.treasuremarkers.spark.TestSpark;

class DatasetDropoutTest {
  private static final int ROWS = 100_000;
  private static Dataset<Row> examples;

  @BeforeAll
  static void generate() {
    examples = SyntheticAnnotatedExamples.generate(TestSpark.session(), ROWS, 7, 4, 12).cache();
    assertEquals(ROWS, examples.count());
  }

  @AfterAll
  static void release() {
    examples.unpersist();
  }

  @Test
  void droppedShareIsTheRateWithinFourSigmaPerDataset() {
    Map<String, Double> overrides = Map.of("mgsm", 0.2, "humaneval", 0.9);
    DatasetDropout stage = new DatasetDropout().setRate(0.5).setSeed(11).setPerDatasetRates(overrides);
    List<Row> counts = stage.transform(examples).groupBy("dataset", "dropout").count().collectAsList();
    Map<String, long[]> perDataset = new HashMap<>(); // dataset -> {dropped, total}
    for (Row r : counts) {
      long[] c = perDataset.computeIfAbsent(r.getString(0), d -> new long[2]);
      if (r.getString(1).equals("dataset")) {
        c[0] += r.getLong(2);
      } else {
        assertEquals("none", r.getString(1));
      }
      c[1] += r.getLong(2);
    }
    assertEquals(SyntheticAnnotatedExamples.datasets().size(), perDataset.size());
    long dropped = 0;
    long defaultRows = 0;
    for (Map.Entry<String, long[]> e : perDataset.entrySet()) {
      double rate = overrides.getOrDefault(e.getKey(), 0.5);
      assertWithinFourSigma(e.getKey(), e.getValue()[0], e.getValue()[1], rate);
      if (!overrides.containsKey(e.getKey())) {
        dropped += e.getValue()[0];
        defaultRows += e.getValue()[1];
      }
    }
    assertWithinFourSigma("datasets at the default rate", dropped, defaultRows, 0.5);
  }

  @Test
  void sharesHoldForOtherRatesAndSeeds() {
    for (double rate : new double[] {0.05, 0.3, 0.7}) {
      for (long seed : new long[] {1, 99}) {
        long dropped = new DatasetDropout().setRate(rate).setSeed(seed).transform(examples)
            .filter(col("dropout").equalTo("dataset")).count();
        assertWithinFourSigma("rate " + rate + " seed " + seed, dropped, ROWS, rate);
      }
    }
  }

  @Test
  void everyDecisionIsThePureFunctionOfSeedAndId() {
    List<Row> rows = new DatasetDropout().setRate(0.4).setSeed(5).transform(examples)
        .select("id", "dropout").collectAsList();
    for (Row r : rows) {
      boolean expected = DropoutHash.unit(5, r.getString(0)) < 0.4;
      assertEquals(expected ? "dataset" : "none", r.getString(1), r.getString(0));
    }
  }

  @Test
  void rateZeroKeepsEveryMarkerAndRateOneRemovesThemAll() {
    Dataset<Row> none = new DatasetDropout().setRate(0).transform(examples);
    for (Row r : none.select("id", "markers", "prompt_markers", "dropout").collectAsList()) {
      assertEquals(r.getJavaMap(1), r.getJavaMap(2), r.getString(0));
      assertEquals("none", r.getString(3), r.getString(0));
    }
    Dataset<Row> all = new DatasetDropout().setRate(1).transform(examples);
    assertEquals(ROWS, all.filter(org.apache.spark.sql.functions.size(col("prompt_markers")).equalTo(0)
        .and(col("dropout").equalTo("dataset"))).count());
  }

  @Test
  void ratesOutsideTheUnitIntervalAreRefusedNamingParamAndValue() {
    IllegalArgumentException high = assertThrows(IllegalArgumentException.class, () -> new DatasetDropout().setRate(1.5));
    assertTrue(high.getMessage().contains("parameter rate must be a number in [0, 1]; got 1.5"), high.getMessage());
    IllegalArgumentException nan = assertThrows(IllegalArgumentException.class, () -> new DatasetDropout().setRate(Double.NaN));
    assertTrue(nan.getMessage().contains("got NaN"), nan.getMessage());
    IllegalArgumentException negative = assertThrows(IllegalArgumentException.class, () -> new SampleDropout().setRate(-0.1));
    assertTrue(negative.getMessage().contains("SampleDropout") && negative.getMessage().contains("got -0.1"), negative.getMessage());
    IllegalArgumentException override = assertThrows(IllegalArgumentException.class,
        () -> new DatasetDropout().setPerDatasetRates(Map.of("mgsm", 2.0)));
    assertTrue(override.getMessage().contains("perDatasetRates['mgsm'] must be a number in [0, 1]; got 2.0"), override.getMessage());
  }

  @Test
  void missingOrIllTypedColumnsAreReportedBeforeAnyJob() {
    IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
        () -> new DatasetDropout().transform(examples.drop("markers")));
    assertTrue(missing.getMessage().contains("DatasetDropout: input has no column 'markers' (param markersCol)"), missing.getMessage());
    IllegalArgumentException wrongType = assertThrows(IllegalArgumentException.class,
        () -> new DatasetDropout().transform(examples.withColumn("id", col("id").cast("int").cast("long"))));
    assertTrue(wrongType.getMessage().contains("column 'id' (param idCol) has type bigint; expected string"), wrongType.getMessage());
    IllegalArgumentException noDataset = assertThrows(IllegalArgumentException.class,
        () -> new DatasetDropout().setPerDatasetRates(Map.of("mgsm", 0.1)).transform(examples.drop("dataset")));
    assertTrue(noDataset.getMessage().contains("'dataset' (param datasetCol)"), noDataset.getMessage());
  }

  static void assertWithinFourSigma(String what, long dropped, long total, double rate) {
    double expected = total * rate;
    double sigma = Math.sqrt(total * rate * (1 - rate));
    assertTrue(Math.abs(dropped - expected) <= 4 * sigma,
        what + ": " + dropped + " of " + total + " dropped; expected " + expected + " +- " + 4 * sigma);
  }
}
