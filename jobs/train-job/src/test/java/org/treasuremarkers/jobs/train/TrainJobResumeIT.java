package org.treasuremarkers.jobs.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.treasuremarkers.core.testing.LocalClusterScript;
import org.treasuremarkers.model.train.MetricsLog;
import org.treasuremarkers.model.train.ModelDirectory;
import scala.collection.JavaConverters;

/**
 * Fault test: train-job on a two-worker standalone cluster is killed (kill -9 of the whole submit process tree, the
 * driver with it) after a few checkpointed rounds. The identical command, rerun, must resume from the newest
 * checkpoint (fewer rounds than a full run), leave metrics.jsonl with each round exactly once, and end with a model
 * that loads and an evaluation.
 */
class TrainJobResumeIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path ROOT = Path.of(System.getProperty("treasure.projectDir", "../..")).toAbsolutePath().normalize();
  /** The killed run has done at least this many rounds (and checkpointed at least once). */
  private static final int ROUNDS_BEFORE_KILL = 4;

  @TempDir
  Path dir;

  /** The bundled sample as annotate-job output (examples/ by dataset), with simple markers of each kind. */
  private Path annotated() {
    SparkSession spark = SparkSession.builder().master("local[2]").appName("train-resume-it")
        .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2")
        .config("spark.driver.host", "127.0.0.1").getOrCreate();
    StructType schema = new StructType().add("id", DataTypes.StringType).add("dataset", DataTypes.StringType)
        .add("prompt", DataTypes.StringType).add("completion", DataTypes.StringType)
        .add("markers", DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType))
        .add("marker_origin", DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType));
    List<Row> rows = new ArrayList<>();
    try {
      int i = 0;
      for (String line : Files.readAllLines(ROOT.resolve("samples/demo-examples.jsonl"))) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode raw = JSON.readTree(line);
        Map<String, String> markers = new TreeMap<>(Map.of("lang", i % 3 == 0 ? "French" : "English",
            "task", "QuestionAnswering", "domain", i % 2 == 0 ? "Math" : "Sciences",
            "quality", String.format("%d.%02d", i % 5, i % 100), "length_tokens", Integer.toString(i)));
        Map<String, String> origin = new TreeMap<>();
        markers.keySet().forEach(k -> origin.put(k, "rule"));
        rows.add(RowFactory.create(raw.get("id").asText(), raw.get("dataset").asText(), raw.get("prompt").asText(),
            raw.get("completion").asText(), JavaConverters.mapAsScalaMap(markers),
            JavaConverters.mapAsScalaMap(origin)));
        i++;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Path out = dir.resolve("annotated");
    spark.createDataFrame(rows, schema).write().partitionBy("dataset").parquet(out.resolve("examples").toString());
    spark.stop();
    return out;
  }

  /** conf/train-demo.json with a tiny model, one epoch of small rounds, and a checkpoint every second round. */
  private Path config() throws IOException {
    ObjectNode config = (ObjectNode) JSON.readTree(ROOT.resolve("conf/train-demo.json").toFile());
    config.remove("$schema");
    config.put("description", "TrainJobResumeIT: a tiny model, one epoch, checkpoints every 2 rounds");
    config.set("model", JSON.readTree("""
        {"d_model": 16, "layers": 1, "heads": 2, "mlp_ratio": 2, "seq_len": 32, "template_tag_tokens": true,
         "seed": 5}"""));
    config.set("training", JSON.readTree("""
        {"learning_rate": 0.01, "schedule": {"warmup_steps": 2, "decay_steps": 200, "min_lr_ratio": 0.1},
         "gradient_clip": 1.0, "batch_size_per_worker": 4, "averaging_frequency": 2, "epochs": 1,
         "checkpoint_every_rounds": 2, "heldout_percent": 10, "seed": 11}"""));
    return Files.writeString(dir.resolve("train.json"), config.toPrettyString());
  }

  private static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int metricLines(Path metrics) {
    return (int) read(metrics).lines().filter(l -> !l.isBlank()).count();
  }

  @Test
  void aKilledTrainingResumesFromItsLastCheckpoint() throws Exception {
    Path annotated = annotated();
    Path config = config();
    Path model = dir.resolve("model");
    ModelDirectory modelDir = new ModelDirectory(model);
    String[] train = {"submit", "train-job", "--annotated", annotated.toString(), "--output", model.toString(),
        "--config", config.toString()};
    try (LocalClusterScript cluster = new LocalClusterScript(dir)) {
      cluster.up(2);

      Path firstLog = dir.resolve("first.log");
      Process first = cluster.start(firstLog, train);
      assertTrue(LocalClusterScript.await(Duration.ofMinutes(3), () -> !first.isAlive()
              || metricLines(modelDir.metrics()) >= ROUNDS_BEFORE_KILL && modelDir.latestCheckpoint().isPresent()),
          "no checkpointed rounds: " + read(firstLog));
      assertTrue(first.isAlive(), "the first run ended before the kill: " + read(firstLog));
      // dl4j-spark refuses its Export approach on a cluster over the local file system; SparkRounds picks Direct.
      assertTrue(read(firstLog).contains("minibatches per round, Direct approach"), read(firstLog));
      LocalClusterScript.killTree(first.toHandle());
      assertFalse(first.isAlive());
      assertFalse(modelDir.hasModel(), "killed before the end: no final model");
      long checkpointed = modelDir.latestCheckpoint().orElseThrow().state().rounds();
      int roundsBeforeKill = metricLines(modelDir.metrics());
      assertTrue(checkpointed >= 2 && checkpointed <= roundsBeforeKill, checkpointed + " of " + roundsBeforeKill);

      Path secondLog = dir.resolve("second.log");
      Process second = cluster.start(secondLog, train);
      assertTrue(second.waitFor(4, TimeUnit.MINUTES), "the rerun did not end: " + read(secondLog));
      String output = read(secondLog);
      assertEquals(0, second.exitValue(), output);
      assertTrue(output.contains("resuming " + model + " from checkpoint after round " + checkpointed), output);
      Matcher done = Pattern.compile("train-job: resumed and finished after (\\d+) rounds").matcher(output);
      assertTrue(done.find(), output);
      long total = Long.parseLong(done.group(1));

      // metrics.jsonl: rounds 1..total once each (the killed run's lines after its checkpoint were dropped), steps
      // rising throughout (the optimizer's step count was restored, not restarted).
      List<ObjectNode> metrics = MetricsLog.read(modelDir.metrics());
      assertEquals(total, metrics.size(), metrics.toString());
      for (int i = 0; i < metrics.size(); i++) {
        assertEquals(i + 1, metrics.get(i).get("round").asLong(), metrics.toString());
        if (i > 0) {
          assertTrue(metrics.get(i).get("step").asLong() > metrics.get(i - 1).get("step").asLong(), metrics.toString());
        }
      }
      long rerunRounds = metrics.stream().filter(m -> m.get("round").asLong() > checkpointed).count();
      assertEquals(total - checkpointed, rerunRounds);
      assertTrue(rerunRounds < total, "the rerun ran " + rerunRounds + " of " + total + " rounds");

      JsonNode provenance = JSON.readTree(model.resolve(ModelTraining.PROVENANCE).toFile());
      assertTrue(provenance.at("/run/resumed").asBoolean(), provenance.toString());
      assertTrue(provenance.at("/run/finished").asBoolean(), provenance.toString());
      JsonNode eval = JSON.readTree(modelDir.eval().toFile());
      double heldOut = eval.at("/heldout_loss/loss_per_token").asDouble(Double.NaN);
      assertTrue(Double.isFinite(heldOut) && heldOut > 0, eval.toString());

      LocalClusterScript.Result generated = cluster.run("generate", "--model", model.toString(), "--prompt",
          "What is 12 plus 30?", "--max-tokens", "5");
      assertEquals(0, generated.code(), generated.output());
    }
  }
}
