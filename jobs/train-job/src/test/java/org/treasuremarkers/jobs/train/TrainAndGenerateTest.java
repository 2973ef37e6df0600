package org.treasuremarkers.jobs.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end on the bundled demo sample: annotate its rows with the project's annotators into an annotate-job
 * style folder, {@code train-job --annotated} a tiny model on local[2], check every file of MODEL_DIR, then
 * {@code generate} from it with and without a fixed marker.
 */
class TrainAndGenerateTest {
  private static final ObjectMapper JSON = TrainJobInputs.JSON;

  @TempDir
  Path tmp;

  @Test
  void trainsATinyModelFromAnnotatedRowsAndGeneratesFromIt() throws Exception {
    SparkSession spark = TrainJobInputs.session();
    Path annotated = TrainJobInputs.annotatedDemo(spark, tmp.resolve("annotated"));
    Path config = TrainJobInputs.tinyConfig(tmp.resolve("tiny-train.json"), "{}");
    Path model = tmp.resolve("model");

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = quiet(() -> TrainJob.run(new String[] {"--annotated", annotated.toString(), "--output", model.toString(),
        "--config", config.toString()}, spark, utf8(out), utf8(err)));
    assertEquals(TrainJob.EXIT_OK, code, err.toString(StandardCharsets.UTF_8));
    assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("train-job: trained, finished after"), out.toString());

    for (String file : List.of("model.zip", "vocabulary.json", "train-config.json", "metrics.jsonl", "eval.json",
        ModelTraining.PROVENANCE)) {
      assertTrue(Files.size(model.resolve(file)) > 0, file + " is written");
    }
    JSON.readTree(model.resolve("vocabulary.json").toFile());
    List<String> lines = Files.readAllLines(model.resolve("metrics.jsonl"));
    assertTrue(lines.size() >= 4, "rounds logged: " + lines.size());
    double first = JSON.readTree(lines.get(0)).get("train_loss_per_token").asDouble();
    double last = JSON.readTree(lines.get(lines.size() - 1)).get("train_loss_per_token").asDouble();
    assertTrue(last < first, "loss per token falls from " + first + " to " + last);
    JsonNode eval = JSON.readTree(model.resolve("eval.json").toFile());
    assertTrue(eval.at("/heldout_loss/examples").asLong() > 0, eval.toString());
    assertTrue(Double.isFinite(eval.at("/heldout_loss/loss_per_token").asDouble()), eval.toString());

    JsonNode provenance = JSON.readTree(model.resolve(ModelTraining.PROVENANCE).toFile());
    assertEquals("annotated", provenance.at("/input/kind").asText());
    assertTrue(provenance.at("/input/path").asText().endsWith(annotated.toString()), provenance.toString());
    assertEquals(237, provenance.at("/input/report/total/read").asLong(), "the input's report.json is carried");
    assertEquals(20250617, provenance.at("/seeds/dropout").asLong());
    assertEquals(5, provenance.at("/seeds/model").asLong());
    assertEquals(11, provenance.at("/seeds/training").asLong());
    assertEquals(spark.version(), provenance.at("/versions/spark").asText());
    assertEquals("1.0.0-M2.1", provenance.at("/versions/dl4j").asText());
    assertFalse(provenance.at("/versions/project").asText().isEmpty());
    assertTrue(provenance.at("/versions/git_commit").asText().matches("[0-9a-f]{40}|unknown"));
    assertTrue(provenance.at("/run/finished").asBoolean());
    assertEquals(lines.size(), provenance.at("/run/rounds").asLong());

    // The same command again resumes from the final checkpoint: no round is trained twice.
    out.reset();
    assertEquals(TrainJob.EXIT_OK, quiet(() -> TrainJob.run(new String[] {"--annotated", annotated.toString(),
        "--output", model.toString(), "--config", config.toString()}, spark, utf8(out), utf8(err))),
        err.toString(StandardCharsets.UTF_8));
    assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("train-job: resumed and finished after " + lines.size()
        + " rounds"), out.toString());
    assertEquals(lines, Files.readAllLines(model.resolve("metrics.jsonl")));
    assertTrue(JSON.readTree(model.resolve(ModelTraining.PROVENANCE).toFile()).at("/run/resumed").asBoolean());

    for (String[] markers : List.of(new String[0], new String[] {"--marker", "lang=English"})) {
      List<String> args = new ArrayList<>(List.of("--model", model.toString(), "--prompt", "What is 2 + 3?",
          "--max-tokens", "40"));
      args.addAll(List.of(markers));
      ByteArrayOutputStream gen = new ByteArrayOutputStream();
      ByteArrayOutputStream genErr = new ByteArrayOutputStream();
      int status = quiet(() -> GenerateCommand.run(args.toArray(String[]::new), utf8(gen), utf8(genErr)));
      String printed = gen.toString(StandardCharsets.UTF_8);
      assertEquals(TrainJob.EXIT_OK, status, genErr.toString(StandardCharsets.UTF_8));
      assertTrue(printed.contains("--- template ("), printed);
      assertTrue(printed.contains("--- inferred markers ---"), printed);
      assertTrue(printed.startsWith(markers.length == 0 ? "fixed markers: (none)" : "fixed markers: lang=English"),
          printed);
      System.err.println("generate " + String.join(" ", markers) + ":\n" + printed);
    }
    ByteArrayOutputStream badErr = new ByteArrayOutputStream();
    assertEquals(TrainJob.EXIT_BAD_INPUT, GenerateCommand.run(new String[] {"--model", model.toString(), "--prompt",
        "x", "--marker", "colour=red"}, utf8(new ByteArrayOutputStream()), utf8(badErr)));
    assertTrue(badErr.toString(StandardCharsets.UTF_8).startsWith("generate: unknown marker 'colour'"), badErr.toString());
  }

  private static PrintStream utf8(OutputStream out) {
    return new PrintStream(out, true, StandardCharsets.UTF_8);
  }

  /** SameDiff prints one line per op to System.out when it builds gradients; keep the test output readable. */
  private static synchronized <T> T quiet(Supplier<T> body) {
    PrintStream original = System.out;
    System.setOut(new PrintStream(OutputStream.nullOutputStream()));
    try {
      return body.get();
    } finally {
      System.setOut(original);
    }
  }
}
