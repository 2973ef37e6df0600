package org.treasuremarkers.spark.annotate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
import org.treasuremarkers.core.taxonomy.TaxonomyLoader;
import org.treasuremarkers.spark.TestSpark;
import scala.collection.JavaConverters;

class MarkerAnnotatorTest {
  private final SparkSession spark = TestSpark.session();

  static final StructType INPUT = new StructType()
      .add("id", DataTypes.StringType).add("dataset", DataTypes.StringType)
      .add("prompt", DataTypes.StringType).add("completion", DataTypes.StringType)
      .add("quality", DataTypes.DoubleType)
      .add("preset", StageSchemas.STRING_MAP).add("from_dataset", StageSchemas.STRING_MAP);

  private Dataset<Row> rows(Object[]... rows) {
    return spark.createDataFrame(java.util.Arrays.stream(rows).map(RowFactory::create).toList(), INPUT);
  }

  private static scala.collection.Map<String, String> m(Map<String, String> map) {
    return JavaConverters.mapAsScalaMap(map);
  }

  private MarkerAnnotator annotator() {
    return new MarkerAnnotator().setQualityCol("quality").setInputMarkersCol("preset").setDatasetMarkersCol("from_dataset");
  }

  @Test
  void presetMarkersWinOverDatasetMarkersAndOriginsSayWhere() {
    Dataset<Row> in = rows(
        new Object[] {"a", "d", "Bonjour", "Salut", 3.456, m(Map.of("lang", "French")), m(Map.of("lang", "English", "domain", "Code"))},
        new Object[] {"b", "d", "Hi", "Hello", null, null, m(Map.of("domain", "Math"))});
    List<Row> out = annotator().transform(in).orderBy("id").collectAsList();
    Map<String, String> a = out.get(0).getJavaMap(7);
    Map<String, String> aOrigin = out.get(0).getJavaMap(8);
    assertEquals("French", a.get("lang"));
    assertEquals("input", aOrigin.get("lang"));
    assertEquals("Code", a.get("domain"));
    assertEquals("dataset", aOrigin.get("domain"));
    assertEquals("3.46", a.get("quality"), "quality is canonicalised to the taxonomy's scale");
    assertEquals("input", aOrigin.get("quality"));
    assertEquals("Math", out.get(1).getJavaMap(7).get("domain"));
    assertEquals("dataset", out.get(1).getJavaMap(8).get("domain"));
    assertEquals("rule", out.get(1).getJavaMap(8).get("length_bucket"), "markers-core's annotators ran");
    assertEquals(a.keySet(), aOrigin.keySet());
  }

  @Test
  void invalidPresetMarkerFailsOrIsKeptWithItsMessage() {
    Dataset<Row> in = rows(new Object[] {"x", "d", "p", "c", null, m(Map.of("lang", "Klingon")), null});
    Exception e = assertThrows(Exception.class, () -> annotator().transform(in).collectAsList());
    String message = rootMessage(e);
    assertTrue(message.contains("Klingon") && message.contains("handleInvalid"), message);

    Row kept = annotator().setHandleInvalid("keep").transform(in).collectAsList().get(0);
    assertNull(kept.get(7));
    assertTrue(kept.getString(9).contains("'Klingon' is not allowed for marker 'lang'"), kept.getString(9));
  }

  private static String rootMessage(Throwable t) {
    StringBuilder all = new StringBuilder();
    for (Throwable c = t; c != null; c = c.getCause()) {
      all.append(c.getMessage()).append('\n');
    }
    return all.toString();
  }

  @Test
  void paramsAndSchemaAreCheckedBeforeAnyJob() {
    assertThrows(IllegalArgumentException.class, () -> new MarkerAnnotator().setHandleInvalid("skip"));
    StructType noPrompt = INPUT.add("x", DataTypes.IntegerType);
    IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
        () -> new MarkerAnnotator().setPromptCol("question").transformSchema(noPrompt));
    assertTrue(missing.getMessage().contains("'question' does not exist"), missing.getMessage());
    IllegalArgumentException type = assertThrows(IllegalArgumentException.class,
        () -> new MarkerAnnotator().setPromptCol("x").transformSchema(noPrompt));
    assertTrue(type.getMessage().contains("has type int, expected string"), type.getMessage());
    IllegalArgumentException exists = assertThrows(IllegalArgumentException.class,
        () -> new MarkerAnnotator().setMarkersCol("preset").transformSchema(INPUT));
    assertTrue(exists.getMessage().contains("already exists"), exists.getMessage());
  }

  @Test
  void annotatorIsBuiltOncePerTaxonomyAndJvm() {
    String json = new String(TaxonomyLoader.loadDefault().json(), StandardCharsets.UTF_8);
    assertSame(ExampleAnnotators.forTaxonomyJson(json), ExampleAnnotators.forTaxonomyJson(new String(json)));
  }

  @Test
  void savedPipelineLoadsWithEqualParamsAndOutput(@TempDir Path dir) throws Exception {
    Dataset<Row> in = rows(new Object[] {"a", "d", "Hi", "Hello", 1.0, null, m(Map.of("domain", "Math"))});
    MarkerAnnotator stage = annotator().setMarkersCol("m").setOriginCol("o");
    PipelineModel model = new Pipeline().setStages(new PipelineStage[] {stage}).fit(in);
    model.write().save(dir.resolve("p").toString());
    PipelineModel loaded = PipelineModel.load(dir.resolve("p").toString());
    MarkerAnnotator back = (MarkerAnnotator) loaded.stages()[0];
    assertEquals(stage.uid(), back.uid());
    assertEquals("m", back.getOrDefault(back.markersCol()));
    assertEquals(stage.getOrDefault(stage.taxonomyJson()), back.getOrDefault(back.taxonomyJson()));
    assertEquals(model.transform(in).collectAsList(), loaded.transform(in).collectAsList());
  }
}
