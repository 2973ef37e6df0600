package org.treasuremarkers.jobs.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scala.collection.JavaConverters;

class TrainJobTest {
  private static SparkSession spark;

  @TempDir
  static Path tmp;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeAll
  static void annotatedInput() {
    // The same settings as TrainAndGenerateTest (Kryo for training): the JVM shares one session.
    spark = SparkSession.builder().config(org.treasuremarkers.model.train.SparkRounds.configure(
        new org.apache.spark.SparkConf().setMaster("local[2]").setAppName("train-job-tests")
            .set("spark.ui.enabled", "false").set("spark.sql.shuffle.partitions", "2")
            .set("spark.driver.host", "127.0.0.1"))).getOrCreate();
    StructType schema = new StructType().add("id", DataTypes.StringType).add("dataset", DataTypes.StringType)
        .add("prompt", DataTypes.StringType).add("completion", DataTypes.StringType)
        .add("markers", DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType))
        .add("marker_origin", DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType));
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      Map<String, String> markers = new TreeMap<>(Map.of("lang", i % 3 == 0 ? "French" : "English", "task", "QuestionAnswering",
          "domain", i % 2 == 0 ? "Math" : "Sciences", "quality", String.format("%d.%02d", i % 5, i % 100), "length_tokens", Integer.toString(i)));
      Map<String, String> origin = new TreeMap<>();
      markers.keySet().forEach(k -> origin.put(k, "rule"));
      rows.add(RowFactory.create("ex-" + i, i % 4 == 0 ? "mgsm" : "alpaca", "Question " + i + "?", "Answer " + i + ".",
          JavaConverters.mapAsScalaMap(markers), JavaConverters.mapAsScalaMap(origin)));
    }
    spark.createDataFrame(rows, schema).write().partitionBy("dataset").parquet(tmp.resolve("annotated/examples").toString());
  }

  @Test
  void prepareOnlyWritesTheTrainingSetWithTheShippedConfiguration() throws Exception {
    Path output = tmp.resolve("prepared");
    int code = run("--prepare-only", "--annotated", tmp.resolve("annotated").toString(), "--output", output.toString());
    assertEquals(TrainJob.EXIT_OK, code, err.toString());
    assertTrue(out.toString().startsWith("train-job: prepared 400 rows"), out.toString());
    JsonNode report = new ObjectMapper().readTree(output.resolve("report.json").toFile());
    assertEquals(400, report.get("rows").asLong());
    assertEquals("conf/train.json (packaged)", report.at("/provenance/config/source").asText());
    assertEquals(400, spark.read().parquet(output.resolve("examples").toString()).count());
    // The shipped configuration keeps quality off the prompt side.
    assertEquals(0, spark.read().parquet(output.resolve("examples").toString())
        .filter("input_text like '%<quality>%'").count());
    assertEquals(400, spark.read().parquet(output.resolve("examples").toString())
        .filter("target_text like '%<quality>%'").count());
  }

  @Test
  void aMissingInputIsOneClearLineAndANonZeroExit() {
    int code = run("--prepare-only", "--annotated", tmp.resolve("no-such-dir").toString(), "--output", tmp.resolve("x").toString());
    assertEquals(TrainJob.EXIT_BAD_INPUT, code);
    assertOneLine("train-job: annotated input " + tmp.resolve("no-such-dir") + " does not exist");
  }

  @Test
  void anExistingOutputNeedsOverwrite() throws Exception {
    Path existing = Files.createDirectories(tmp.resolve("existing-output"));
    int code = run("--prepare-only", "--annotated", tmp.resolve("annotated").toString(), "--output", existing.toString());
    assertEquals(TrainJob.EXIT_BAD_INPUT, code);
    assertOneLine("train-job: output " + existing + " already exists");
    assertTrue(err.toString().contains("--overwrite"));
  }

  @Test
  void badOptionsAndConfigurationAreOneClearLine() throws Exception {
    assertEquals(TrainJob.EXIT_BAD_INPUT, run("--annotated", "a", "--prepared", "p", "--output", "b"));
    assertOneLine("train-job: give exactly one of --annotated DIR and --prepared DIR");
    err.reset();
    assertEquals(TrainJob.EXIT_BAD_INPUT, run("--output", "b"));
    assertOneLine("train-job: give exactly one of --annotated DIR and --prepared DIR");
    err.reset();
    assertEquals(TrainJob.EXIT_BAD_INPUT, run("--annotated", tmp.resolve("annotated").toString()));
    assertOneLine("train-job: training needs --output MODEL_DIR");
    err.reset();
    assertEquals(TrainJob.EXIT_BAD_INPUT, run("--prepared", tmp.resolve("no-such-dir").toString(), "--output", "b"));
    assertOneLine("train-job: --prepared input " + tmp.resolve("no-such-dir") + " does not exist");
    err.reset();
    assertEquals(TrainJob.EXIT_BAD_INPUT, run("--annotated", tmp.resolve("annotated").toString(), "--output", "b",
        "--max-minutes", "0"));
    assertOneLine("train-job: --max-minutes needs a number of minutes above 0");
    err.reset();
    Path foreign = Files.createDirectories(tmp.resolve("foreign-output"));
    Files.writeString(foreign.resolve("notes.txt"), "not a model");
    assertEquals(TrainJob.EXIT_BAD_INPUT, run("--annotated", tmp.resolve("annotated").toString(), "--output",
        foreign.toString()));
    assertOneLine("train-job: output " + foreign + " exists and is not a train-job model folder");
    err.reset();
    assertEquals(TrainJob.EXIT_BAD_INPUT, run("--prepare-only", "--annotated"));
    assertOneLine("train-job: --annotated needs a value");
    err.reset();
    // The shipped configuration with one bad value.
    com.fasterxml.jackson.databind.node.ObjectNode shipped = (com.fasterxml.jackson.databind.node.ObjectNode) new ObjectMapper()
        .readTree(Path.of(System.getProperty("treasure.projectDir", "../.."), "conf", "train.json").toFile());
    ((com.fasterxml.jackson.databind.node.ObjectNode) shipped.get("dropout")).put("sample_rate", 2);
    Path config = Files.writeString(tmp.resolve("bad-train.json"), shipped.toString());
    assertEquals(TrainJob.EXIT_BAD_INPUT, run("--prepare-only", "--annotated", tmp.resolve("annotated").toString(),
        "--output", tmp.resolve("never").toString(), "--config", config.toString()));
    assertOneLine("train-job: " + config + ": at $.dropout.sample_rate");
    assertTrue(Files.notExists(tmp.resolve("never")));
  }

  private int run(String... args) {
    return TrainJob.run(args, spark, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private void assertOneLine(String prefix) {
    String text = err.toString(StandardCharsets.UTF_8);
    assertTrue(text.startsWith(prefix), text);
    assertEquals(1, text.lines().count(), text);
  }
}
