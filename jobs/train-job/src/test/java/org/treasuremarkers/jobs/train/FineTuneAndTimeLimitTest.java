package org.treasuremarkers.jobs.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.treasuremarkers.model.nn.TransformerFactory;
import org.treasuremarkers.model.train.ModelDirectory;

/**
 * train-job's {@code --init-model} (fine-tuning starts from the given model's weights and vocabulary) and
 * {@code --max-minutes} (a run stops at the limit, says so, and still leaves eval.json and a loadable model), through
 * the job's command line on local[2] with the tests' tiny model. Every run also checks that SameDiff's
 * "Added differentiated op" lines no longer reach stdout.
 */
class FineTuneAndTimeLimitTest {
  private static final String SAMEDIFF_LINE = "Added differentiated op";

  @TempDir
  static Path tmp;

  private static SparkSession spark;
  private static Path annotated;
  private static Path config;
  private static Path base;
  private static List<String> baseMetrics;

  @BeforeAll
  static void trainABaseModel() throws Exception {
    spark = TrainJobInputs.session();
    annotated = TrainJobInputs.annotatedDemo(spark, tmp.resolve("annotated"));
    // a small evaluation: generation (one forward pass per token) would dominate these runs
    config = TrainJobInputs.tinyConfig(tmp.resolve("tiny-train.json"),
        "{\"eval\": {\"loss_examples\": 40, \"generation_examples\": 2, \"max_new_tokens\": 12}}");
    base = tmp.resolve("base");
    Run run = train("--output", base.toString());
    assertEquals(TrainJob.EXIT_OK, run.code, run.err);
    assertTrue(run.out.startsWith("train-job: trained, finished after"), run.out);
    baseMetrics = Files.readAllLines(base.resolve("metrics.jsonl"));
  }

  @Test
  void initModelFineTunesFromTheGivenWeightsAndVocabulary() throws Exception {
    Path tuned = tmp.resolve("tuned");
    Run run = train("--output", tuned.toString(), "--init-model", base.toString());
    assertEquals(TrainJob.EXIT_OK, run.code, run.err);
    assertTrue(run.out.startsWith("train-job: trained, finished after"), run.out);

    assertEquals(Files.readString(base.resolve("vocabulary.json")), Files.readString(tuned.resolve("vocabulary.json")));
    // Same data, configuration and seeds: the base run's first round is what a fresh model scores there.
    double fresh = loss(baseMetrics.get(0));
    double baseLast = loss(baseMetrics.get(baseMetrics.size() - 1));
    List<String> tunedMetrics = Files.readAllLines(tuned.resolve("metrics.jsonl"));
    double tunedFirst = loss(tunedMetrics.get(0));
    System.err.printf("first-round loss/token: fresh %.3f, fine-tuned %.3f (base ended at %.3f)%n", fresh,
        tunedFirst, baseLast);
    assertTrue(fresh - baseLast > 0.5, "the base model learned something: " + fresh + " -> " + baseLast);
    // starts where the base model ended, not where a fresh one starts
    assertTrue(tunedFirst < fresh - 0.75 * (fresh - baseLast), "fine-tuning starts from the base weights: fresh "
        + fresh + ", fine-tuned " + tunedFirst + ", base ended at " + baseLast);
    JsonNode provenance = TrainJobInputs.JSON.readTree(tuned.resolve(ModelTraining.PROVENANCE).toFile());
    assertEquals(base.toAbsolutePath().toString(), provenance.at("/init_model").asText());
  }

  @Test
  void maxMinutesStopsAtTheLimitAndStillLeavesAnEvaluatedLoadableModel() throws Exception {
    Path limited = tmp.resolve("limited");
    // 0.0001 minutes (6 ms): shorter than any round, so the run stops after the one round every run fits.
    Run run = train("--output", limited.toString(), "--max-minutes", "0.0001");
    assertEquals(TrainJob.EXIT_OK, run.code, run.err);
    assertTrue(run.out.startsWith("train-job: trained, stopped at the time limit after 1 rounds"), run.out);

    assertEquals(1, Files.readAllLines(limited.resolve("metrics.jsonl")).size());
    assertTrue(baseMetrics.size() > 1, "an unlimited run of the same configuration trains more rounds");
    JsonNode provenance = TrainJobInputs.JSON.readTree(limited.resolve(ModelTraining.PROVENANCE).toFile());
    assertFalse(provenance.at("/run/finished").asBoolean());
    assertEquals(0.0001, provenance.at("/max_minutes").asDouble(), 1e-9);
    JsonNode eval = TrainJobInputs.JSON.readTree(limited.resolve("eval.json").toFile());
    assertTrue(eval.at("/heldout_loss/examples").asLong() > 0, eval.toString());
    assertTrue(Double.isFinite(eval.at("/heldout_loss/loss_per_token").asDouble()), eval.toString());

    ComputationGraph model = new ModelDirectory(limited).loadModel();
    int seqLen = TrainJobInputs.JSON.readTree(limited.resolve("train-config.json").toFile()).at("/model/seq_len").asInt();
    INDArray tokens = Nd4j.zeros(1, seqLen); // [minibatch, T] of token id 0 (byte 0)
    INDArray out = model.outputSingle(tokens);
    assertEquals(seqLen, out.size(2));
    assertTrue(Double.isFinite(out.sumNumber().doubleValue()));
    assertEquals(TransformerFactory.OUTPUT, model.getConfiguration().getNetworkOutputs().get(0));
  }

  private static double loss(String metricsLine) throws Exception {
    return TrainJobInputs.JSON.readTree(metricsLine).get("train_loss_per_token").asDouble();
  }

  private record Run(int code, String out, String err) {}

  /** train-job on the annotated demo with the tiny configuration; System.out is captured to check it stays clean. */
  private static Run train(String... outputArgs) {
    List<String> args = new java.util.ArrayList<>(List.of("--annotated", annotated.toString(), "--config",
        config.toString()));
    args.addAll(List.of(outputArgs));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    PrintStream original = System.out;
    int code;
    synchronized (FineTuneAndTimeLimitTest.class) {
      System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
      try {
        code = TrainJob.run(args.toArray(String[]::new), spark, new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
      } finally {
        System.setOut(original);
      }
    }
    String printed = stdout.toString(StandardCharsets.UTF_8);
    assertFalse(printed.contains(SAMEDIFF_LINE), "SameDiff's lines reach stdout: "
        + printed.lines().filter(l -> l.contains(SAMEDIFF_LINE)).count());
    return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
