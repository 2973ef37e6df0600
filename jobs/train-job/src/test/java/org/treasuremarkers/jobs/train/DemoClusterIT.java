package org.treasuremarkers.jobs.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./run-cluster.sh demo --cluster} as a user runs it, on the bundled sample: it starts a local standalone
 * cluster (two workers, authenticated, on free loopback ports), annotates, trains for at most a minute, generates
 * twice, prints the headline lines, and stops the cluster, also when a step fails.
 *
 * <p>In train-job because the demo submits both annotate-job's and train-job's packaged jars: in the reactor
 * annotate-job is packaged before train-job's integration tests run. With {@code -pl}, name both
 * ({@code -pl jobs/annotate-job,jobs/train-job -am}), or run-cluster.sh builds a missing jar itself.
 */
class DemoClusterIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path ROOT = Path.of(System.getProperty("treasure.projectDir", "../..")).toAbsolutePath()
      .normalize();
  private static final Path SAMPLE = ROOT.resolve("samples/demo-examples.jsonl");

  @TempDir
  Path dir;

  private record Result(int code, String output) {}

  private Result script(Map<String, String> env, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(ROOT.resolve("run-cluster.sh").toString()));
    command.addAll(List.of(args));
    Path log = Files.createTempFile(dir, "run-cluster", ".log");
    ProcessBuilder pb = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile());
    pb.environment().remove("SPARK_MASTER");
    pb.environment().putAll(env);
    Process p = pb.start();
    if (!p.waitFor(25, TimeUnit.MINUTES)) { // a guard against a hang, not a time limit
      p.descendants().forEach(ProcessHandle::destroyForcibly); // spark-submit, the cluster's daemons
      p.destroyForcibly();
      throw new AssertionError("run-cluster.sh " + String.join(" ", args) + " timed out; log: " + Files.readString(log));
    }
    return new Result(p.exitValue(), Files.readString(log));
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** Two consecutive free ports (the worker UIs use base and base + 1). */
  private static int freePortPair() throws IOException {
    for (int attempt = 0; attempt < 50; attempt++) {
      int p = freePort();
      try (ServerSocket next = new ServerSocket(p + 1)) {
        return p;
      } catch (IOException taken) {
        // try another
      }
    }
    throw new IOException("no two consecutive free ports");
  }

  private Map<String, String> clusterEnv() throws IOException {
    return Map.of("TM_CLUSTER_STATE", dir.resolve("state").toString(),
        "TM_MASTER_PORT", String.valueOf(freePort()), "TM_MASTER_UI_PORT", String.valueOf(freePort()),
        "TM_WORKER_UI_PORT", String.valueOf(freePortPair()), "TM_WORKER_MEMORY", "1g", "TM_DRIVER_MEMORY", "1g");
  }

  /** Without Spark's and SameDiff's chatter, for failure messages. */
  private static String headlines(String output) {
    return String.join("\n", output.lines().filter(l -> !l.contains(" INFO ") && !l.contains("Added differentiated"))
        .toList());
  }

  /** Each of {@code expected} occurs in {@code output}, in this order. */
  private static void assertInOrder(String output, String... expected) {
    int from = 0;
    for (String e : expected) {
      int at = output.indexOf(e, from);
      assertTrue(at >= 0, "missing (in this order) '" + e + "' in:\n" + headlines(output));
      from = at + e.length();
    }
  }

  private static int count(String text, String what) {
    int n = 0;
    for (int at = text.indexOf(what); at >= 0; at = text.indexOf(what, at + 1)) {
      n++;
    }
    return n;
  }

  /**
   * No master or worker of the cluster on the test's master port is left, and run-cluster.sh says the cluster is
   * down. When that fails, the cluster is stopped before the failure is reported: no test leaves one running.
   */
  private void assertClusterGone(Map<String, String> env, String output) throws Exception {
    try {
      checkClusterGone(env, output);
    } catch (AssertionError | Exception e) {
      script(env, "down");
      throw e;
    }
  }

  private void checkClusterGone(Map<String, String> env, String output) throws Exception {
    String port = env.get("TM_MASTER_PORT");
    List<String> left;
    try (Stream<ProcessHandle> all = ProcessHandle.allProcesses()) {
      left = all.filter(ProcessHandle::isAlive).map(h -> h.info().commandLine().orElse(""))
          .filter(c -> (c.contains("deploy.master.Master") && c.contains("--port " + port))
              || (c.contains("deploy.worker.Worker") && c.contains("spark://127.0.0.1:" + port)))
          .toList();
    }
    assertEquals(List.of(), left, "master/worker processes left running:\n" + headlines(output));
    try (Stream<Path> files = Files.list(dir.resolve("state"))) {
      assertEquals(List.of(), files.filter(f -> f.toString().endsWith(".pid")).toList(), "pid files left");
    }
    assertFalse(Files.exists(dir.resolve("state/secret")), "the secret is removed with the cluster");
    assertEquals(3, script(env, "status").code(), "run-cluster.sh status says down");
  }

  @Test
  void demoOnALocalStandaloneClusterAnnotatesTrainsGeneratesTwiceAndStopsTheCluster() throws Exception {
    Map<String, String> env = clusterEnv();
    String master = "spark://127.0.0.1:" + env.get("TM_MASTER_PORT");
    Path out = dir.resolve("demo");
    long sampleRows = Files.readAllLines(SAMPLE).stream().filter(l -> !l.isBlank()).count();

    String o = "(no output: run-cluster.sh did not finish)";
    try {
      Result demo = script(env, "demo", "--cluster", "--minutes", "1", "--output", out.toString());
      o = demo.output();
      assertEquals(0, demo.code(), headlines(o));
      assertInOrder(o,
          "run-cluster.sh: cluster up: master " + master,
          "== demo 1/4: annotate --input " + SAMPLE,
          "run-cluster.sh: submitting annotate-job to the local cluster " + master,
          "annotate-job: read " + sampleRows + ", annotated ",
          "== demo 2/4: train for at most 1 minutes on CPU",
          "train-job: trained",
          "== demo 3/4: generate, no marker given",
          "fixed markers: (none)",
          "--- completion (",
          "== demo 4/4: generate with a fixed marker: --marker length_bucket=concise",
          "fixed markers: length_bucket=concise",
          "--- completion (",
          "== demo done in ",
          "annotated examples, stats, report:  " + out.resolve("annotated"),
          "model, metrics, evaluation:         " + out.resolve("model"),
          "training log:                       " + out.resolve("train.log"),
          "run-cluster.sh: cluster stopped (3 process(es))");
      assertEquals(2, count(o, "--- completion ("), "generation printed twice:\n" + headlines(o));
      assertEquals(2, count(o, "--- inferred markers ---"), headlines(o));

      // annotate: every sample row annotated or rejected, and report.json says the counts reconcile
      JsonNode report = JSON.readTree(out.resolve("annotated/report.json").toFile());
      JsonNode total = report.get("total");
      assertTrue(report.get("readEqualsAnnotatedPlusRejected").asBoolean(), report.toPrettyString());
      assertEquals(sampleRows, total.get("read").asLong());
      assertTrue(total.get("annotated").asLong() > 0);
      assertTrue(o.contains("annotate-job: read " + sampleRows + ", annotated " + total.get("annotated").asLong()
          + ", rejected " + total.get("rejected").asLong()), headlines(o));
      assertTrue(Files.isRegularFile(out.resolve("annotated/stats/markers.csv")));

      // train: on the cluster, the printed round count matches metrics.jsonl, and eval.json has a finite loss
      assertTrue(Files.readString(out.resolve("train.log")).contains(
          "run-cluster.sh: submitting train-job to the local cluster " + master));
      Matcher trained = Pattern.compile("train-job: trained.* after (\\d+) rounds \\((\\d+) examples fitted\\), "
          + "last train loss/token ([0-9.]+)").matcher(o);
      assertTrue(trained.find(), headlines(o));
      int rounds = Integer.parseInt(trained.group(1));
      assertTrue(rounds > 0 && Long.parseLong(trained.group(2)) > 0, trained.group());
      List<String> metrics = Files.readAllLines(out.resolve("model/metrics.jsonl")).stream()
          .filter(l -> !l.isBlank()).toList();
      assertEquals(rounds, metrics.size(), "one metrics.jsonl line per round");
      assertEquals(rounds, JSON.readTree(metrics.get(metrics.size() - 1)).get("round").asInt());
      double heldOut = JSON.readTree(out.resolve("model/eval.json").toFile()).at("/heldout_loss/loss_per_token")
          .asDouble(Double.NaN);
      assertTrue(Double.isFinite(heldOut) && heldOut > 0, "eval.json held-out loss " + heldOut);
      assertTrue(Files.isRegularFile(out.resolve("model/provenance.json")));
    } finally {
      assertClusterGone(env, o);
    }
  }

  @Test
  void aFailingStepStillStopsTheCluster() throws Exception {
    Map<String, String> env = clusterEnv();
    Path sources = Files.writeString(dir.resolve("sources.json"), "{\"sources\": 3}\n");
    Result demo = new Result(-1, "(no output: run-cluster.sh did not finish)");
    try {
      demo = script(env, "demo", "--cluster", "--data", sources.toString(), "--minutes", "1", "--output",
          dir.resolve("demo").toString());
      assertTrue(demo.code() != 0, headlines(demo.output()));
      assertInOrder(demo.output(), "run-cluster.sh: cluster up", "== demo 1/4: annotate --sources " + sources,
          "run-cluster.sh: annotate-job failed", "run-cluster.sh: cluster stopped (3 process(es))");
      assertFalse(demo.output().contains("== demo 2/4"), headlines(demo.output()));
    } finally {
      assertClusterGone(env, demo.output());
    }
  }

  @Test
  void badArgumentsAreRefusedBeforeAnythingStarts() throws Exception {
    Map<String, String> env = clusterEnv();
    Path out = dir.resolve("never");
    Result minutes = script(env, "demo", "--cluster", "--minutes", "0.5", "--output", out.toString());
    assertEquals(1, minutes.code(), minutes.output());
    assertTrue(minutes.output().contains("--minutes needs a positive whole number of minutes"), minutes.output());
    Result data = script(env, "demo", "--cluster", "--data", dir.resolve("absent").toString(), "--output",
        out.toString());
    assertEquals(1, data.code(), data.output());
    assertTrue(data.output().contains("--data " + dir.resolve("absent") + " is neither a folder nor a sources file"),
        data.output());
    assertFalse(minutes.output().contains("cluster up") || data.output().contains("cluster up"));
    assertFalse(Files.exists(out), "nothing written");
  }
}
