package org.treasuremarkers.spark.quality;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.treasuremarkers.spark.TestSpark;
import org.treasuremarkers.spark.annotate.StageSchemas;
import scala.collection.JavaConverters;

class QualityBucketerTest {
  private final SparkSession spark = TestSpark.session();
  private static final StructType SCHEMA = new StructType().add("id", DataTypes.StringType)
      .add("markers", StageSchemas.STRING_MAP).add("marker_origin", StageSchemas.STRING_MAP);

  /** Seeded qualities: English spread over [0, 5], Thai over [1, 2]; some rows without quality or lang. */
  private static final Map<String, List<Double>> QUALITIES = new HashMap<>();

  private Dataset<Row> data() {
    Random random = new Random(7);
    List<Row> rows = new ArrayList<>();
    QUALITIES.clear();
    for (int i = 0; i < 3000; i++) {
      String lang = i % 3 == 0 ? "Thai" : "English";
      double q = lang.equals("Thai") ? 1 + random.nextInt(101) / 100.0 : random.nextInt(501) / 100.0;
      QUALITIES.computeIfAbsent(lang, k -> new ArrayList<>()).add(q);
      rows.add(row("r" + i, Map.of("lang", lang, "quality", String.format("%.2f", q))));
    }
    rows.add(row("noq", Map.of("lang", "English")));
    rows.add(row("nolang", Map.of("quality", "2.00")));
    rows.add(row("preset", Map.of("lang", "English", "quality", "5.00", "quality_bucket", "3")));
    return spark.createDataFrame(rows, SCHEMA);
  }

  private static Row row(String id, Map<String, String> markers) {
    Map<String, String> origins = new HashMap<>();
    markers.keySet().forEach(k -> origins.put(k, "input"));
    return RowFactory.create(id, JavaConverters.mapAsScalaMap(markers), JavaConverters.mapAsScalaMap(origins));
  }

  @Test
  void splitsAreWithinTheStatedRelativeErrorPerLanguage() {
    double err = 0.01;
    Dataset<Row> data = data();
    QualityBucketModel model = new QualityBucketer().setRelativeError(err).fit(data);
    Map<String, double[]> splits = model.splitsByGroup();
    assertEquals(List.of("", "English", "Thai"), new ArrayList<>(splits.keySet()));
    for (String lang : List.of("English", "Thai")) {
      List<Double> values = QUALITIES.get(lang);
      int n = values.size();
      double[] s = splits.get(lang);
      assertEquals(3, s.length);
      for (int i = 0; i < 3; i++) {
        double p = (i + 1) / 4.0;
        double split = s[i];
        long below = values.stream().filter(v -> v < split).count();
        long atOrBelow = values.stream().filter(v -> v <= split).count();
        // some rank r with below < r <= atOrBelow lies within err * n of the exact rank p * n
        assertTrue(below <= p * n + err * n + 1 && atOrBelow >= p * n - err * n - 1,
            lang + " split " + p + " = " + split + ": ranks (" + below + ", " + atOrBelow + "] vs " + p * n);
      }
    }
  }

  @Test
  void bucketOneIsTheHighestQualityAndRowsWithoutQualityGetNone() {
    Dataset<Row> data = data();
    QualityBucketModel model = new QualityBucketer().fit(data);
    Map<String, Map<String, String>> byId = new HashMap<>();
    Map<String, Map<String, String>> originById = new HashMap<>();
    for (Row r : model.transform(data).collectAsList()) {
      byId.put(r.getString(0), r.getJavaMap(1));
      originById.put(r.getString(0), r.getJavaMap(2));
    }
    double[] english = model.splitsByGroup().get("English");
    for (Map.Entry<String, Map<String, String>> e : byId.entrySet()) {
      Map<String, String> m = e.getValue();
      if (e.getKey().startsWith("r") && m.get("lang").equals("English")) {
        double q = Double.parseDouble(m.get("quality"));
        // the key is q plus a tie-break below HasQualityBucketParams.TIE_BREAK: a row tied with a split may go either way
        int lowest = bucket(q, english);
        int highest = bucket(q + HasQualityBucketParams.TIE_BREAK, english);
        int actual = Integer.parseInt(m.get("quality_bucket"));
        assertTrue(actual <= lowest && actual >= highest, "quality " + q + " in bucket " + actual);
        assertEquals("rule", originById.get(e.getKey()).get("quality_bucket"));
      }
    }
    assertNull(byId.get("noq").get("quality_bucket"));
    assertEquals("3", byId.get("preset").get("quality_bucket"), "a bucket from the input is kept");
    assertEquals("input", originById.get("preset").get("quality_bucket"));
    assertTrue(byId.get("nolang").containsKey("quality_bucket"), "rows without lang form their own group");
  }

  private static int bucket(double key, double[] splits) {
    return key >= splits[2] ? 1 : key >= splits[1] ? 2 : key >= splits[0] ? 3 : 4;
  }

  /** Like a capped score on short answers: 90% of the rows tie at 5.00, the rest spread below it. */
  private Dataset<Row> tiedAtTheTop() {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      String q = i % 10 == 0 ? String.format("%.2f", 2 + (i % 300) / 100.0) : "5.00";
      rows.add(row("t" + i, Map.of("lang", "German", "quality", q)));
    }
    return spark.createDataFrame(rows, SCHEMA);
  }

  @Test
  void withoutATieBreakRowsTiedAtTheTopScoreAreTheHighestBucket() {
    Dataset<Row> data = tiedAtTheTop();
    QualityBucketModel model = new QualityBucketer().setTieBreakCol("").fit(data);
    assertArrayEquals(new double[] {5.0, 5.0, 5.0}, model.splitsByGroup().get("German"));
    for (Row r : model.transform(data).collectAsList()) {
      Map<String, String> m = r.getJavaMap(1);
      assertEquals(m.get("quality").equals("5.00") ? "1" : "4", m.get("quality_bucket"), "quality " + m.get("quality"));
    }
  }

  @Test
  void exactTiesAreDealtOverTheBucketsByTheIdHashWithoutReorderingDistinctScores() {
    Dataset<Row> data = tiedAtTheTop();
    QualityBucketModel model = new QualityBucketer().fit(data);
    Map<String, Integer> counts = new HashMap<>();
    Map<String, String> first = new HashMap<>();
    for (Row r : model.transform(data).collectAsList()) {
      Map<String, String> m = r.getJavaMap(1);
      counts.merge(m.get("quality_bucket"), 1, Integer::sum);
      first.put(r.getString(0), m.get("quality_bucket"));
      if (!m.get("quality").equals("5.00")) {
        assertEquals("4", m.get("quality_bucket"), "a lower score stays below every 5.00: " + m.get("quality"));
      }
    }
    for (String b : List.of("1", "2", "3", "4")) {
      assertEquals(250, counts.getOrDefault(b, 0), 10, "bucket " + b + ": " + counts);
    }
    for (Row r : model.transform(data.repartition(3)).collectAsList()) {
      assertEquals(first.get(r.getString(0)), r.getJavaMap(1).get("quality_bucket"), "stable per id");
    }
  }

  private static final StructType SCORED = SCHEMA.add("quality_score", DataTypes.DoubleType);

  /** Continuous scores whose two-decimal markers tie heavily: most of them round to 4.99 or 5.00. */
  private Dataset<Row> continuous(int perLanguage) {
    Random random = new Random(11);
    List<Row> rows = new ArrayList<>();
    for (String lang : List.of("English", "Chinese")) {
      for (int i = 0; i < perLanguage; i++) {
        double score = 5 - 0.02 * Math.pow(random.nextDouble(), 3); // skewed towards the top, as a capped score is
        Map<String, String> markers = Map.of("lang", lang, "quality", String.format(java.util.Locale.ROOT, "%.2f", score));
        Map<String, String> origins = Map.of("lang", "rule", "quality", "model");
        rows.add(RowFactory.create(lang + i, JavaConverters.mapAsScalaMap(markers), JavaConverters.mapAsScalaMap(origins),
            score));
      }
    }
    return spark.createDataFrame(rows, SCORED);
  }

  @Test
  void bucketsOfAContinuousScoreAreQuartilesEvenWhenTheMarkersTie() {
    int perLanguage = 2000;
    Dataset<Row> data = continuous(perLanguage);
    Dataset<Row> bucketed = new QualityBucketer().fit(data).transform(data);
    Map<String, Map<String, Integer>> counts = new HashMap<>();
    Map<String, List<double[]>> byBucket = new HashMap<>(); // lang:bucket -> [min, max] of its scores
    for (Row r : bucketed.collectAsList()) {
      Map<String, String> m = r.getJavaMap(1);
      counts.computeIfAbsent(m.get("lang"), k -> new HashMap<>()).merge(m.get("quality_bucket"), 1, Integer::sum);
      byBucket.computeIfAbsent(m.get("lang") + ":" + m.get("quality_bucket"), k -> new ArrayList<>())
          .add(new double[] {r.getDouble(3)});
    }
    for (String lang : List.of("English", "Chinese")) {
      for (String bucket : List.of("1", "2", "3", "4")) {
        double share = counts.get(lang).getOrDefault(bucket, 0) / (double) perLanguage;
        assertEquals(0.25, share, 0.01, lang + " bucket " + bucket + " holds " + share);
      }
      // bucket 1 is the highest: every score of bucket k is above every score of bucket k + 1
      for (int k = 1; k < 4; k++) {
        double lowestOfK = byBucket.get(lang + ":" + k).stream().mapToDouble(v -> v[0]).min().orElseThrow();
        double highestBelow = byBucket.get(lang + ":" + (k + 1)).stream().mapToDouble(v -> v[0]).max().orElseThrow();
        assertTrue(lowestOfK >= highestBelow, lang + " bucket " + k + " starts at " + lowestOfK + " < " + highestBelow);
      }
    }
    long distinctMarkers = data.select(data.col("markers").getItem("quality")).distinct().count();
    assertTrue(distinctMarkers <= 3, "the markers tie (" + distinctMarkers + " values): the score broke the ties");
  }

  @Test
  void withoutTheScoreColumnTheMarkerIsBucketed() {
    Dataset<Row> data = continuous(400).drop("quality_score");
    QualityBucketModel model = new QualityBucketer().fit(data);
    for (double split : model.splitsByGroup().get("English")) {
      assertEquals(Math.round(split * 100) / 100.0, split, 1e-9, "splits of two-decimal markers: " + split);
    }
  }

  @Test
  void bothStagesShareTheirColumnParams() {
    QualityBucketer bucketer = new QualityBucketer().setScoreCol("s").setMarkersCol("m2");
    assertEquals("s", bucketer.getScoreCol());
    assertEquals("quality_score", new QualityBucketModel("x").getScoreCol());
    QualityBucketModel model = new QualityBucketModel("y");
    bucketer.copyValues(model, bucketer.extractParamMap());
    assertEquals("s", model.getScoreCol());
    assertEquals("m2", model.getMarkersCol());
    StructType wrongScore = SCHEMA.add("quality_score", DataTypes.StringType);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new QualityBucketer().transformSchema(wrongScore));
    assertTrue(e.getMessage().contains("quality_score"), e.getMessage());
  }

  @Test
  void splitsDoNotDependOnThePartitioning() {
    Dataset<Row> data = data();
    QualityBucketModel one = new QualityBucketer().fit(data.repartition(1));
    QualityBucketModel seven = new QualityBucketer().fit(data.repartition(7));
    assertEquals(one.splitsByGroup().keySet(), seven.splitsByGroup().keySet());
    one.splitsByGroup().forEach((g, s) -> assertArrayEquals(s, seven.splitsByGroup().get(g), g));
  }

  @Test
  void paramsAreValidated() {
    assertThrows(IllegalArgumentException.class, () -> new QualityBucketer().setRelativeError(1.5));
    assertThrows(IllegalArgumentException.class, () -> new QualityBucketer().setNumBuckets(1));
    StructType wrong = new StructType().add("markers", DataTypes.StringType).add("marker_origin", StageSchemas.STRING_MAP);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new QualityBucketer().transformSchema(wrong));
    assertTrue(e.getMessage().contains("markers"), e.getMessage());
  }

  @Test
  void savedSplitsAreReappliedIdentically(@TempDir Path dir) throws Exception {
    Dataset<Row> data = data();
    PipelineModel fitted = new Pipeline().setStages(new PipelineStage[] {new QualityBucketer().setRelativeError(0.005)})
        .fit(data);
    fitted.write().save(dir.resolve("p").toString());
    PipelineModel loaded = PipelineModel.load(dir.resolve("p").toString());
    QualityBucketModel a = (QualityBucketModel) fitted.stages()[0];
    QualityBucketModel b = (QualityBucketModel) loaded.stages()[0];
    a.splitsByGroup().forEach((g, s) -> assertArrayEquals(s, b.splitsByGroup().get(g)));
    assertEquals(fitted.transform(data).orderBy("id").collectAsList(), loaded.transform(data).orderBy("id").collectAsList());
  }
}
