package org.treasuremarkers.spark.prepare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.treasuremarkers.spark.TestSpark;
import org.treasuremarkers.spark.dropout.SampleDropout;
import org.treasuremarkers.spark.dropout.SyntheticAnnotatedExamples;
import org.treasuremarkers.spark.format.TrainingExampleSchema;

class TrainingSetPreparationTest {
  private static final int ROWS = 5_000;

  @TempDir
  Path tmp;

  @Test
  void writesTheTrainingSetAndAReportThatMatchesIt() throws Exception {
    SparkSession spark = TestSpark.session();
    Path annotated = annotatedFolder(spark);
    TrainConfig config = TrainConfigs.withDropout("""
        {"seed": 5, "dataset_rate": 0.5, "sample_rate": 0.5,
          "per_dataset": {"mgsm": {"dataset_rate": 0.8}}, "protected_markers": ["lang"],
          "prompt_excluded_markers": ["quality"]}""");
    Path output = tmp.resolve("prepared");

    TrainingSetPreparation.Result result = TrainingSetPreparation.prepare(spark, annotated.toString(), output.toString(), config, false);

    Dataset<Row> prepared = spark.read().parquet(output.resolve("examples").toString());
    assertEquals(ROWS, prepared.count());
    assertEquals(List.of(TrainingExampleSchema.columns()), List.of(prepared.schema().fieldNames()));
    for (int i = 0; i < prepared.schema().fields().length; i++) {
      assertTrue(prepared.schema().fields()[i].dataType().sameType(TrainingExampleSchema.struct().fields()[i].dataType()));
    }
    assertTrue(Files.isDirectory(output.resolve("pipeline")));

    JsonNode report = new ObjectMapper().readTree(output.resolve("report.json").toFile());
    assertEquals(ROWS, report.get("rows").asLong());
    assertEquals(ROWS, report.at("/provenance/input_rows").asLong());
    assertEquals(5, report.at("/provenance/seed").asLong());
    assertEquals(0.8, report.at("/per_dataset/mgsm/dataset_rate").asDouble());
    long datasetDropped = prepared.filter("dropout = 'dataset'").count();
    assertEquals(datasetDropped, report.get("dataset_dropout_rows").asLong());
    assertEquals((double) datasetDropped / ROWS, report.get("dataset_dropout_share").asDouble(), 1e-12);
    assertEquals(prepared.filter("dataset = 'mgsm' and dropout = 'dataset'").count(),
        report.at("/per_dataset/mgsm/dataset_dropout_rows").asLong());

    // Mean share removed by sample-level dropout, recomputed row by row from k = roundHalfUp(0.5 n) / n.
    double shareSum = 0;
    long eligible = 0;
    for (Row r : prepared.filter("dropout != 'dataset'").select("markers").collectAsList()) {
      Map<String, String> markers = r.getJavaMap(0);
      int n = (int) markers.keySet().stream().filter(k -> !k.equals("lang") && !k.equals("quality")).count();
      if (n > 0) {
        shareSum += (double) SampleDropout.markersToDrop(0.5, n) / n;
        eligible++;
      }
    }
    assertEquals(eligible, report.get("sample_eligible_rows").asLong());
    assertEquals(shareSum / eligible, report.get("sample_dropout_mean_share").asDouble(), 1e-9);
    assertEquals(result.overall().rows(), ROWS);
    assertEquals(6, result.perDataset().size());
  }

  @Test
  void refusesAMissingInputAndAnExistingOutputWithoutOverwrite() throws Exception {
    SparkSession spark = TestSpark.session();
    TrainConfig config = TrainConfigs.withDropout("{\"seed\": 1, \"dataset_rate\": 0.5, \"sample_rate\": 0.5}");
    PreparationException missing = assertThrows(PreparationException.class, () -> TrainingSetPreparation.prepare(
        spark, tmp.resolve("nowhere").toString(), tmp.resolve("out").toString(), config, false));
    assertTrue(missing.getMessage().contains("nowhere does not exist"), missing.getMessage());

    Path noExamples = Files.createDirectories(tmp.resolve("empty-annotated"));
    PreparationException noFolder = assertThrows(PreparationException.class, () -> TrainingSetPreparation.prepare(
        spark, noExamples.toString(), tmp.resolve("out").toString(), config, false));
    assertTrue(noFolder.getMessage().contains("has no examples/ folder"), noFolder.getMessage());

    Path annotated = annotatedFolder(spark);
    Path existing = Files.createDirectories(tmp.resolve("existing"));
    Files.writeString(existing.resolve("keep.txt"), "not ours");
    PreparationException exists = assertThrows(PreparationException.class, () -> TrainingSetPreparation.prepare(
        spark, annotated.toString(), existing.toString(), config, false));
    assertTrue(exists.getMessage().contains("already exists") && exists.getMessage().contains("--overwrite"), exists.getMessage());
    assertTrue(Files.exists(existing.resolve("keep.txt")), "a refused run must not touch the output");

    TrainingSetPreparation.prepare(spark, annotated.toString(), existing.toString(), config, true);
    assertEquals(ROWS, spark.read().parquet(existing.resolve("examples").toString()).count());
  }

  /** A folder shaped like annotate-job's output: examples/ partitioned by dataset. */
  private Path annotatedFolder(SparkSession spark) {
    Path dir = tmp.resolve("annotated");
    if (!Files.exists(dir)) {
      SyntheticAnnotatedExamples.generate(spark, ROWS, 17, 2, 15)
          .write().partitionBy("dataset").parquet(dir.resolve("examples").toString());
    }
    return dir;
  }
}
