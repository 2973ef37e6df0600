package org.treasuremarkers.spark.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.treasuremarkers.spark.TestSpark;
import org.treasuremarkers.spark.annotate.StageSchemas;
import scala.collection.JavaConverters;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MarkerClassifierTest {
  private final SparkSession spark = TestSpark.session();
  private static final StructType SCHEMA = new StructType().add("id", DataTypes.StringType)
      .add("prompt", DataTypes.StringType).add("markers", StageSchemas.STRING_MAP)
      .add("marker_origin", StageSchemas.STRING_MAP);
  private static final Map<String, List<String>> WORDS = Map.of(
      "Math", List.of("sum", "add", "number", "equation", "multiply", "divide", "integer", "fraction", "solve", "total"),
      "Code", List.of("function", "python", "loop", "variable", "compile", "array", "class", "return", "string", "bug"),
      "Legal", List.of("contract", "court", "law", "clause", "plaintiff", "statute", "attorney", "liability", "judge", "appeal"),
      "Finance", List.of("stock", "bond", "interest", "loan", "budget", "tax", "invest", "dividend", "bank", "credit"));
  private static final List<String> FILLER = List.of("the", "a", "please", "explain", "what", "how", "is", "my", "this", "to");

  private Dataset<Row> data;
  private MarkerClassifierModel model;
  /** id -> the domain the text was generated from. */
  private final Map<String, String> truth = new HashMap<>();

  @BeforeAll
  void fit() {
    Random random = new Random(11);
    List<Row> rows = new ArrayList<>();
    int id = 0;
    for (String domain : List.of("Math", "Code", "Legal", "Finance")) {
      int labelled = domain.equals("Finance") ? 30 : 200;
      for (int i = 0; i < labelled + 40; i++) {
        String key = "r" + id++;
        truth.put(key, domain);
        Map<String, String> markers = i < labelled ? Map.of("domain", domain) : Map.of();
        rows.add(row(key, text(random, domain), markers, i < labelled ? (i % 2 == 0 ? "rule" : "input") : null));
      }
    }
    data = spark.createDataFrame(rows, SCHEMA).cache();
    model = classifier().fit(data);
  }

  /** Small and quick: few features, few iterations, two fit partitions. */
  private static MarkerClassifier classifier() {
    return new MarkerClassifier().setMinExamplesPerClass(50).setConfidenceThreshold(0.6).setMaxIter(15)
        .setNumFeatures(1 << 10).setFitPartitions(2);
  }

  private static String text(Random random, String domain) {
    StringBuilder s = new StringBuilder();
    for (int w = 0; w < 12; w++) {
      List<String> pool = random.nextDouble() < 0.45 ? WORDS.get(domain) : FILLER;
      s.append(pool.get(random.nextInt(pool.size()))).append(' ');
    }
    return s.toString().strip();
  }

  private static Row row(String id, String prompt, Map<String, String> markers, String origin) {
    Map<String, String> origins = new HashMap<>();
    markers.keySet().forEach(k -> origins.put(k, origin));
    return RowFactory.create(id, prompt, JavaConverters.mapAsScalaMap(markers), JavaConverters.mapAsScalaMap(origins));
  }

  @Test
  void heldOutAccuracyIsReportedPerClassAndRareClassesAreExcluded() {
    MarkerEvaluation domain = model.evaluations().stream().filter(e -> e.marker().equals("domain")).findFirst().orElseThrow();
    assertTrue(domain.trained());
    assertEquals(List.of("Finance"), domain.excludedClasses());
    assertTrue(domain.heldOutRows() > 60 && domain.heldOutRows() < 220, "about 20% held out: " + domain.heldOutRows());
    for (ClassEvaluation c : domain.classes()) {
      if (!c.value().equals("Finance")) {
        assertTrue(c.recall() > 0.85, c.toString());
        assertTrue(c.trainingRows() > 100, c.toString());
      } else {
        assertEquals(0, c.trainingRows());
        assertEquals(0, c.predictedAs(), "an excluded class is never predicted");
      }
    }
    MarkerEvaluation task = model.evaluations().stream().filter(e -> e.marker().equals("task")).findFirst().orElseThrow();
    assertFalse(task.trained());
    assertTrue(task.skipped().contains("minClasses"), task.skipped());
  }

  @Test
  void predictsOnlyMissingMarkersWithOriginModelAndNeverAnExcludedClass() {
    List<Row> out = model.transform(data).collectAsList();
    assertEquals(data.count(), out.size());
    int predicted = 0;
    int right = 0;
    for (Row r : out) {
      String id = r.getString(0);
      Map<String, String> m = r.getJavaMap(2);
      Map<String, String> o = r.getJavaMap(3);
      String domain = m.get("domain");
      if ("model".equals(o.get("domain"))) {
        predicted++;
        assertNotEquals("Finance", domain);
        if (domain.equals(truth.get(id))) {
          right++;
        }
      } else if (domain != null) {
        assertTrue(o.get("domain").equals("rule") || o.get("domain").equals("input"), o.toString());
        assertEquals(truth.get(id), domain);
      }
    }
    assertTrue(predicted >= 100, "unlabelled Math/Code/Legal rows get predictions: " + predicted);
    assertTrue(right >= 0.9 * (predicted - 40), right + " right of " + predicted + " (40 Finance rows cannot be)");
  }

  @Test
  void sameModelWhateverThePartitioningAndAfterSaveLoad(@TempDir Path dir) throws Exception {
    MarkerClassifierModel other = classifier().fit(data.repartition(5));
    assertEquals(model.evaluations(), other.evaluations());
    assertEquals(model.transform(data).orderBy("id").collectAsList(), other.transform(data.repartition(3)).orderBy("id").collectAsList());

    model.write().save(dir.resolve("m").toString());
    MarkerClassifierModel loaded = MarkerClassifierModel.load(dir.resolve("m").toString());
    assertEquals(model.evaluations(), loaded.evaluations());
    assertEquals(model.transform(data).orderBy("id").collectAsList(), loaded.transform(data).orderBy("id").collectAsList());
  }

  @Test
  void trainsOnAStableSampleOfAtMostAboutMaxRowsPerClass() {
    MarkerClassifierModel capped = classifier().setMaxRowsPerClass(60).setTargetMarkers("domain").fit(data);
    var lr = (org.apache.spark.ml.classification.LogisticRegressionModel) capped.pipeline("domain").stages()[3];
    long trainedOn = lr.summary().predictions().count();
    assertTrue(trainedOn >= 3 * 60 * 0.6 && trainedOn <= 3 * 60 * 1.4, "3 classes x ~60 rows, got " + trainedOn);
    var full = (org.apache.spark.ml.classification.LogisticRegressionModel) model.pipeline("domain").stages()[3];
    assertTrue(full.summary().predictions().count() > 400, "without a cap all ~480 training rows are used");
  }

  @Test
  void heldOutRowsBeyondTheCapAreScoredOnAUniformSample() {
    MarkerEvaluation all = model.evaluations().stream().filter(e -> e.marker().equals("domain")).findFirst()
        .orElseThrow();
    MarkerEvaluation sampled = classifier().setMaxRowsPerClass(10).setTargetMarkers("domain").fit(data)
        .evaluations().stream().filter(e -> e.marker().equals("domain")).findFirst().orElseThrow();
    // 4 labelled classes x 10 = about 40 of the ~130 held-out rows are scored, and the report says how many.
    assertTrue(sampled.heldOutRows() >= 20 && sampled.heldOutRows() <= 60,
        "about 40 scored of " + all.heldOutRows() + ", got " + sampled.heldOutRows());
    assertEquals(sampled.heldOutRows(), sampled.classes().stream().mapToLong(ClassEvaluation::heldOutRows).sum(),
        sampled.classes().toString());
  }

  @Test
  void learnsOnlyFromTheConfiguredOrigins() {
    MarkerClassifierModel fromDataset = new MarkerClassifier().setTrainOrigins("dataset").setTargetMarkers("domain")
        .fit(data);
    MarkerEvaluation domain = fromDataset.evaluations().get(0);
    assertFalse(domain.trained(), "no row carries a dataset-origin domain");
    assertEquals(0, domain.trainingRows() + domain.heldOutRows());
  }

  @Test
  void tooFewClassesGiveNoModelAndParamsAreValidated() {
    MarkerClassifierModel none = new MarkerClassifier().setMinClasses(4).setMinExamplesPerClass(50)
        .setTargetMarkers("domain").fit(data);
    assertEquals(0, none.trainedMarkers().w(new String[0]).value().length + none.getOrDefault(none.trainedMarkers()).length);
    assertEquals(data.orderBy("id").collectAsList(), none.transform(data).orderBy("id").collectAsList());
    assertThrows(IllegalArgumentException.class, () -> new MarkerClassifier().setConfidenceThreshold(0));
    assertThrows(IllegalArgumentException.class, () -> new MarkerClassifier().setHeldOutFraction(0.9));
    assertThrows(IllegalArgumentException.class, () -> new MarkerClassifier().setMinClasses(1));
  }
}
