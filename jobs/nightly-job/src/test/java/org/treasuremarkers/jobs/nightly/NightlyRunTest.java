package org.treasuremarkers.jobs.nightly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Simulated nights on one state folder, in order: three nights with one honestly rejected candidate (its learning
 * rate wrecks the model, and the held-out comparison says so), then a fourth night killed between training and
 * promotion while a second run is refused, and its successor completing.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NightlyRunTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  static Path dir;
  private static SparkSession spark;
  private static Path input;
  private static Path state;
  private static Path goodConfig;
  private static Path wreckingConfig;
  private static Path worseSparkConfig;

  @BeforeAll
  static void setUp() throws Exception {
    spark = NightlyFixture.spark();
    input = Files.createDirectories(dir.resolve("incoming"));
    state = dir.resolve("state");
    Path good = NightlyFixture.trainConfig(dir, "train-good.json", 0.01);
    // 1.0 (the schema maximum) with Adam: every step moves each weight by about 1, far outside a sane range.
    Path wrecking = NightlyFixture.trainConfig(dir, "train-wrecking.json", 1.0);
    goodConfig = NightlyFixture.nightlyConfig(dir, "nightly-good.json", input, state, good);
    wreckingConfig = NightlyFixture.nightlyConfig(dir, "nightly-wrecking.json", input, state, wrecking);
    // 0.05, five times the good rate: large steps that stay finite; with a day of a foreign distribution the
    // candidate ends clearly worse on the held-out rows. Trained with Spark parameter averaging (trainer "spark").
    Path worse = NightlyFixture.trainConfig(dir, "train-worse.json", 0.05);
    worseSparkConfig = NightlyFixture.nightlyConfig(dir, "nightly-worse-spark.json", input, state, worse, "spark");
  }

  private static NightlyRun.Result night(Path config) {
    return NightlyRun.run(spark, NightlyConfig.load(config), NightlyHooks.NONE);
  }

  private static String current() {
    return new ModelVersions(state).current().orElse(null);
  }

  @Test
  @Order(1)
  void threeNightsWithOneRejectedCandidate() throws Exception {
    String day1 = NightlyFixture.writeDay(input, 0);
    NightlyRun.Result first = night(goodConfig);
    assertEquals(NightlyRun.Outcome.PROMOTED, first.outcome(), first.logLine().toPrettyString());
    assertEquals("v0001", current());
    ObjectNode l1 = first.logLine();
    assertEquals(day1, l1.get("annotated").get(0).get("day").asText());
    long heldOut = l1.get("heldout_fixed").asLong();
    assertTrue(heldOut > 0);
    String splits = l1.get("annotated").get(0).get("quality_splits").asText();
    assertTrue(Files.isDirectory(Path.of(splits)), splits);

    NightlyFixture.writeDay(input, 1);
    NightlyRun.Result second = night(wreckingConfig);
    ObjectNode l2 = second.logLine();
    assertEquals(NightlyRun.Outcome.REJECTED, second.outcome(), l2.toPrettyString());
    assertEquals("v0001", current(), "a rejected candidate leaves the current model in place");
    assertEquals("v0001", l2.get("training").get("base").asText().replaceAll(".*/", ""));
    double candidate = l2.get("evaluation").get("candidate_loss_per_token").asDouble();
    double currentLoss = l2.get("evaluation").get("current_loss_per_token").asDouble();
    assertTrue(!Double.isFinite(candidate) || candidate > currentLoss + 0.02, l2.toPrettyString());
    assertFalse(Files.exists(state.resolve("models/v0002")), "the rejected candidate is deleted");
    assertEquals(splits, l2.get("annotated").get(0).get("quality_splits").asText(), "day 2 reuses day 1's splits");
    assertFalse(l2.has("heldout_fixed"), "the held-out set is fixed once");
    assertEquals(heldOut, l2.get("evaluation").get("heldout_examples").asLong());

    NightlyFixture.writeDay(input, 2);
    NightlyRun.Result third = night(goodConfig);
    ObjectNode l3 = third.logLine();
    assertEquals(NightlyRun.Outcome.PROMOTED, third.outcome(), l3.toPrettyString());
    assertEquals("v0003", current());
    assertTrue(l3.get("training").get("replay_rows").asLong() > 0, "older days are replayed");
    assertTrue(l3.get("evaluation").get("candidate_loss_per_token").asDouble()
        <= l3.get("evaluation").get("current_loss_per_token").asDouble() + 0.02);
    assertEquals(List.of("v0001", "v0003"), List.of(Files.list(state.resolve("models"))
        .map(p -> p.getFileName().toString()).filter(n -> n.startsWith("v")).sorted().toArray()));

    NightlyRun.Result idle = night(goodConfig);
    assertEquals(NightlyRun.Outcome.NOTHING_NEW, idle.outcome());
    assertEquals("v0003", current());

    List<String> log = Files.readAllLines(state.resolve(RunLog.FILE));
    assertEquals(4, log.size());
    System.err.println("nightly run log of the three-night test:\n" + String.join("\n", log));
  }

  @Test
  @Order(2)
  void aRunKilledBeforePromotionLeavesTheModelAndTheNextRunCompletes_aSecondRunMeanwhileIsRefused()
      throws Exception {
    assertEquals("v0003", current(), "runs after the three-night test");
    NightlyFixture.writeDay(input, 3);
    Path hooks = dir.resolve("hooks");
    Process child = startChild(goodConfig, hooks, NightlyHooks.BEFORE_PROMOTION, dir.resolve("child.log"));
    try {
      waitFor(hooks.resolve(NightlyHooks.BEFORE_PROMOTION), child, dir.resolve("child.log"));

      ByteArrayOutputStream err = new ByteArrayOutputStream();
      int code = NightlyJob.run(new String[] {"--config", goodConfig.toString()}, spark, NightlyHooks.NONE,
          new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
      assertEquals(NightlyJob.EXIT_LOCKED, code);
      String message = err.toString(StandardCharsets.UTF_8);
      assertTrue(message.contains("another nightly run holds") && message.contains("pid " + child.pid()), message);
    } finally {
      child.destroyForcibly(); // SIGKILL: no shutdown hook, no cleanup
      child.waitFor(30, TimeUnit.SECONDS);
    }
    assertEquals("v0003", current(), "the killed run did not switch the model");
    JsonNode ledger = JSON.readTree(state.resolve(Ledger.FILE).toFile());
    assertEquals("v0004", ledger.get("candidate").get("version").asText());
    assertTrue(Files.isRegularFile(state.resolve("models/v0004/model.zip")), "the candidate was trained");

    NightlyRun.Result next = night(goodConfig);
    ObjectNode line = next.logLine();
    assertTrue(next.outcome() == NightlyRun.Outcome.PROMOTED || next.outcome() == NightlyRun.Outcome.REJECTED,
        line.toPrettyString());
    assertTrue(line.get("training").get("resumed").asBoolean(), "training resumed from the candidate's checkpoint");
    assertTrue(line.get("stale_lock_of").asText().contains("pid " + child.pid()), line.toPrettyString());
    assertEquals(0, line.get("annotated").size(), "day 4 was annotated by the killed run");
    JsonNode after = JSON.readTree(state.resolve(Ledger.FILE).toFile());
    assertFalse(after.has("candidate"));
    assertEquals(4, after.get("decided").size());
    assertEquals(next.outcome() == NightlyRun.Outcome.PROMOTED ? "v0004" : "v0003", current());
    System.err.println("run after the kill:\n" + line);
  }

  @Test
  @Order(3)
  void aFiniteButWorseCandidateIsRejectedByTheMargin_trainedWithSparkParameterAveraging() throws Exception {
    String before = current();
    assertNotNull(before, "runs after the killed-run test");
    String day = NightlyFixture.writeForeignDay(input, NightlyFixture.DAYS, 60);
    NightlyRun.Result result = night(worseSparkConfig);
    ObjectNode line = result.logLine();
    System.err.println("finite but worse night:\n" + line);
    assertEquals(NightlyRun.Outcome.REJECTED, result.outcome(), line.toPrettyString());
    assertEquals(day, line.get("annotated").get(0).get("day").asText());
    JsonNode training = line.get("training");
    assertEquals("spark", training.get("trainer").asText());
    assertTrue(training.get("rounds").asInt() > 0 && training.get("examples_fitted").asLong() > 0, line.toString());
    assertEquals(before, training.get("base").asText().replaceAll(".*/", ""), "fine-tunes the current model");

    JsonNode eval = line.get("evaluation");
    double candidate = eval.get("candidate_loss_per_token").asDouble();
    double currentLoss = eval.get("current_loss_per_token").asDouble();
    double margin = eval.get("margin").asDouble();
    assertEquals(NightlyFixture.MARGIN, margin);
    assertTrue(Double.isFinite(candidate), "a finite loss, not a wrecked model: " + line);
    assertTrue(candidate > currentLoss + margin, "worse by more than the margin: " + line);
    String reason = String.format("candidate held-out loss/token %.4f > current %.4f + margin %.4f", candidate,
        currentLoss, margin);
    assertEquals(reason, line.get("reason").asText());
    assertFalse(line.get("promoted").asBoolean());
    assertEquals(before, line.get("current_after").asText());
    assertEquals(before, current(), "the current model stays");
    assertFalse(Files.exists(state.resolve("models").resolve(training.get("candidate").asText())),
        "the rejected candidate is deleted");

    List<String> log = Files.readAllLines(state.resolve(RunLog.FILE));
    JsonNode logged = JSON.readTree(log.get(log.size() - 1));
    assertEquals("rejected", logged.get("outcome").asText());
    assertFalse(logged.get("promoted").asBoolean());
    assertEquals(reason, logged.get("reason").asText());
  }

  /** The job's main in a child JVM with this JVM's class path and JDK options, pausing at {@code pauseAt}. */
  private static Process startChild(Path config, Path hookDir, String pauseAt, Path log) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (arg.startsWith("--add-opens") || arg.startsWith("-XX:+IgnoreUnrecognizedVMOptions")
          || arg.startsWith("-Djdk.reflect") || arg.startsWith("-Xss") || arg.startsWith("-Dorg.bytedeco")) {
        command.add(arg);
      }
    }
    command.addAll(List.of("-Xmx1g", "-Dspark.master=local[2]", "-Dspark.ui.enabled=false",
        "-Dspark.driver.host=127.0.0.1", "-cp", System.getProperty("java.class.path"),
        NightlyJob.class.getName(), "--config", config.toString()));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().put("TM_NIGHTLY_HOOK_DIR", hookDir.toString());
    pb.environment().put("TM_NIGHTLY_PAUSE_AT", pauseAt);
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    return pb.start();
  }

  private static void waitFor(Path marker, Process child, Path log) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
    while (!Files.exists(marker)) {
      if (!child.isAlive()) {
        throw new AssertionError("the child run ended (exit " + child.exitValue() + ") before " + marker
            + ":\n" + tail(log));
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the child run did not reach " + marker + " within 300 s:\n" + tail(log));
      }
      Thread.sleep(200);
    }
    assertNotNull(child);
  }

  private static String tail(Path log) throws Exception {
    List<String> lines = Files.readAllLines(log);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
  }
}
