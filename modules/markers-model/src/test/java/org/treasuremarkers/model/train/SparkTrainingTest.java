package org.treasuremarkers.model.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.treasuremarkers.model.config.TrainConfig;
import org.treasuremarkers.model.data.Batches;
import org.treasuremarkers.model.data.HeldOutSplit;
import org.treasuremarkers.model.data.TokenizedExample;
import org.treasuremarkers.model.nn.QuietSameDiff;

/** Spark local[2] parameter averaging end to end: loss falls, files are written, the model reloads. */
class SparkTrainingTest {
  private static SparkSession spark;

  @BeforeAll
  static void startSpark() {
    SparkConf conf = SparkRounds.configure(new SparkConf()
        .setMaster("local[2]")
        .setAppName("markers-model-tests")
        .set("spark.ui.enabled", "false")
        .set("spark.driver.host", "127.0.0.1")
        .set("spark.sql.shuffle.partitions", "2"));
    spark = SparkSession.builder().config(conf).getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
  }

  @AfterAll
  static void stopSpark() {
    spark.stop();
  }

  @Test
  void parameterAveragingLowersTheLossAndTheModelReloads(@TempDir Path out) throws Exception {
    List<DemoRows.Example> rows = DemoRows.load().subList(0, 200);
    Dataset<Row> data = DemoRows.dataset(spark, rows);
    TrainConfig config = TinyConfig.of(8, 2, 2, 4);
    Path tmpExport = Path.of(System.getProperty("java.io.tmpdir"), "hadoop-" + System.getProperty("user.name"), "dl4j");
    boolean exportExistedBefore = Files.exists(tmpExport);

    SparkTraining.Result result = QuietSameDiff.run(() -> SparkTraining.run(spark, data, new SparkTraining.Request(
        new TrainingRun.Options(out, config, DemoRows.TAXONOMY, null, null), 2, 40, 4, 24)));
    TrainingRun.Summary summary = result.summary();
    HeldOutSplit hashSplit = new HeldOutSplit(config.training().heldoutPercent(), config.training().seed());
    long byHash = rows.stream().filter(r -> hashSplit.isHeldOut(r.id())).count();
    assertTrue(byHash > 5 && byHash < 40, "about 10% held out by hash, got " + byHash);
    // Plus a few rows of each rare lang/task/domain value (StratifiedHoldOut).
    HeldOutSplit split = SparkTraining.heldOut(data, hashSplit);
    long heldOut = rows.stream().filter(r -> split.isHeldOut(r.id())).count();
    assertTrue(heldOut > byHash && heldOut < 60, byHash + " by hash, " + heldOut + " with the rare values");
    assertEquals(rows.size() - heldOut, summary.examples() / 2, "two epochs over the non-held-out rows");
    assertTrue(summary.finished());

    List<ObjectNode> metrics = MetricsLog.read(out.resolve(ModelDirectory.METRICS));
    StringBuilder curve = new StringBuilder();
    metrics.forEach(m -> curve.append(String.format(" %d:%.3f", m.get("round").asInt(),
        m.get("train_loss_per_token").asDouble())));
    System.err.println("Spark local[2] loss per token by round:" + curve);
    assertTrue(metrics.size() >= 8, "expected two epochs of rounds, got " + metrics.size());
    double first = metrics.get(0).get("train_loss_per_token").asDouble();
    double last = (metrics.get(metrics.size() - 1).get("train_loss_per_token").asDouble()
        + metrics.get(metrics.size() - 2).get("train_loss_per_token").asDouble()) / 2;
    assertTrue(last < first - 0.5, "loss per token should fall:" + curve);
    for (int i = 1; i < metrics.size(); i++) {
      assertTrue(metrics.get(i).get("step").asInt() > metrics.get(i - 1).get("step").asInt(), "steps advance");
      assertTrue(metrics.get(i).get("tokens_per_second").asDouble() > 0);
    }

    ModelDirectory dir = new ModelDirectory(out);
    ComputationGraph reloaded = QuietSameDiff.run(dir::loadModel);
    ComputationGraph again = QuietSameDiff.run(dir::loadModel);
    TrainingRun resumed = QuietSameDiff.run(() ->
        TrainingRun.open(new TrainingRun.Options(out, config, DemoRows.TAXONOMY, null, null)));
    List<TokenizedExample> sample = rows.subList(0, 3).stream()
        .map(r -> resumed.encoder().encode(r.id(), r.inputText(), r.targetText())).toList();
    DataSet batch = Batches.of(sample, 32);
    INDArray expected = resumed.network().outputSingle(batch.getFeatures());
    assertEquals(expected, reloaded.outputSingle(batch.getFeatures()));
    assertEquals(expected, again.outputSingle(batch.getFeatures()));
    assertFalse(Files.exists(dir.scratch()), "the export folder is cleaned");
    // eval.json: the loss covers the held-out examples up to the cap of 40; generation ran on 4 of them.
    ObjectNode eval = (ObjectNode) new com.fasterxml.jackson.databind.ObjectMapper().readTree(dir.eval().toFile());
    assertEquals(Math.min(heldOut, 40), eval.at("/heldout_loss/examples").asLong());
    assertEquals(Math.min(heldOut, 40), eval.at("/eval_set/examples").asLong(), eval.toString());
    assertTrue(eval.at("/slice_loss/lang/rest/loss_with_markers").isNumber(), eval.toString());
    assertTrue(eval.at("/heldout_loss/loss_per_token").asDouble() < Math.log(resumed.tokenizer().size()));
    assertEquals(4, eval.at("/marker_inference/examples").asInt());
    assertEquals(4, eval.at("/marker_obedience/length_bucket_violation/total").asInt());
    System.err.println("eval.json of the Spark test: " + eval);
    if (!exportExistedBefore) {
      assertFalse(Files.exists(tmpExport), "nothing is exported under /tmp");
    }
  }
}
