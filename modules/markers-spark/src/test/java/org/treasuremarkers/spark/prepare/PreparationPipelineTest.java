package org.treasuremarkers.spark.prepare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.treasuremarkers.spark.TestSpark;
import org.treasuremarkers.spark.dropout.SyntheticAnnotatedExamples;

class PreparationPipelineTest {
  private static final DropoutConfig CONFIG = DropoutConfig.uniform(424242L, 0.4, 0.6)
      .withOverrides(Map.of("mgsm", 0.9), Map.of("codealpaca", 0.25))
      .withMarkerLists(List.of("lang"), List.of("quality"));
  private static Dataset<Row> examples;

  @TempDir
  Path tmp;

  @BeforeAll
  static void generate() {
    examples = SyntheticAnnotatedExamples.generate(TestSpark.session(), 6_000, 21, 3, 20).cache();
  }

  @AfterAll
  static void release() {
    examples.unpersist();
  }

  @Test
  void savedPipelineReloadsWithEqualParamsAndIdenticalOutput() throws Exception {
    Pipeline pipeline = PreparationPipeline.build(CONFIG);
    String dir = tmp.resolve("pipeline").toString();
    pipeline.write().overwrite().save(dir);
    Pipeline loaded = Pipeline.load(dir);
    assertEquals(pipeline.getStages().length, loaded.getStages().length);
    for (int i = 0; i < pipeline.getStages().length; i++) {
      assertSameParams(pipeline.getStages()[i], loaded.getStages()[i]);
    }
    List<Row> expected = sorted(pipeline.fit(examples).transform(examples));
    assertEquals(expected, sorted(loaded.fit(examples).transform(examples)));

    PipelineModel model = pipeline.fit(examples);
    String modelDir = tmp.resolve("model").toString();
    model.write().overwrite().save(modelDir);
    assertEquals(expected, sorted(PipelineModel.load(modelDir).transform(examples)));
  }

  @Test
  void outputIsIdenticalWithOneAndSevenPartitionsAndAcrossRuns() {
    List<Row> onePartition = sorted(PreparationPipeline.build(CONFIG).fit(examples).transform(examples.repartition(1)));
    List<Row> sevenPartitions = sorted(PreparationPipeline.build(CONFIG).fit(examples).transform(examples.repartition(7)));
    List<Row> secondRun = sorted(PreparationPipeline.build(CONFIG).fit(examples).transform(examples.repartition(7)));
    assertEquals(6_000, onePartition.size());
    assertEquals(onePartition, sevenPartitions);
    assertEquals(sevenPartitions, secondRun);
    // A different seed must change the choices, or the equalities above prove nothing.
    DropoutConfig otherSeed = DropoutConfig.uniform(1L, 0.4, 0.6)
        .withOverrides(CONFIG.datasetRateOverrides(), CONFIG.sampleRateOverrides())
        .withMarkerLists(CONFIG.protectedMarkers(), CONFIG.promptExcludedMarkers());
    assertTrue(!onePartition.equals(sorted(PreparationPipeline.build(otherSeed).fit(examples).transform(examples))));
  }

  private static List<Row> sorted(Dataset<Row> prepared) {
    return prepared.select("id", "prompt_markers", "dropout", "input_text", "target_text").orderBy("id").collectAsList();
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static void assertSameParams(PipelineStage original, PipelineStage loaded) {
    assertEquals(original.getClass(), loaded.getClass());
    assertEquals(original.uid(), loaded.uid());
    for (Param p : original.params()) {
      Param q = ((Params) loaded).getParam(p.name());
      assertEquals(p.jsonEncode(original.getOrDefault(p)), q.jsonEncode(loaded.getOrDefault(q)), original.uid() + "." + p.name());
    }
  }
}
