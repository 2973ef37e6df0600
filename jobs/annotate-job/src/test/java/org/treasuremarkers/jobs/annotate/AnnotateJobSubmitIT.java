package org.treasuremarkers.jobs.annotate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged job through {@code run-cluster.sh}: spark-submit on embedded local[*], then on a real standalone
 * cluster of two workers (authenticated, on free loopback ports) started and stopped by the test. Both runs
 * must write the same rows and markers.
 */
class AnnotateJobSubmitIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path ROOT = Path.of(System.getProperty("treasure.projectDir", "../..")).toAbsolutePath().normalize();

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
    if (!p.waitFor(8, TimeUnit.MINUTES)) {
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

  /** Two consecutive free ports (worker UIs use base and base + 1). */
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

  private Path input() throws IOException {
    List<String> lines = new ArrayList<>();
    String[] prompts = {"Write a python function that sorts a list.", "Translate 'thank you' into Spanish.",
        "What is 12 plus 30?", "Écris une phrase sur le soleil."};
    for (int i = 0; i < 120; i++) {
      lines.add(JSON.writeValueAsString(Map.of("id", "it-" + i, "dataset", "it" + (i % 2),
          "prompt", prompts[i % prompts.length] + " #" + i, "completion", "Answer number " + i + ".")));
    }
    lines.add("{\"dataset\": \"it0\", \"prompt\": 3}");
    return Files.write(dir.resolve("in.jsonl"), lines);
  }

  private static List<Row> examples(Path output) {
    return AnnotateJobTest.spark().read().parquet(output.resolve("examples").toString()).orderBy("id").collectAsList();
  }

  @Test
  void submitsOnLocalModeAndOnATwoWorkerStandaloneCluster() throws Exception {
    Path in = input();
    Map<String, String> env = Map.of("TM_CLUSTER_STATE", dir.resolve("state").toString(),
        "TM_MASTER_PORT", String.valueOf(freePort()), "TM_MASTER_UI_PORT", String.valueOf(freePort()),
        "TM_WORKER_UI_PORT", String.valueOf(freePortPair()), "TM_WORKER_MEMORY", "1g", "TM_DRIVER_MEMORY", "1g");

    Result local = script(env, "submit", "annotate-job", "--input", in.toString(), "--output", dir.resolve("local").toString());
    assertEquals(0, local.code(), local.output());
    assertTrue(local.output().contains("embedded local[*]"), local.output());
    assertTrue(local.output().contains("annotate-job: read 121, annotated 120, rejected 1"), local.output());

    Result failing = script(env, "submit", "annotate-job", "--input", dir.resolve("absent.jsonl").toString(),
        "--output", dir.resolve("never").toString());
    assertEquals(2, failing.code(), failing.output());
    assertTrue(failing.output().contains("no input file matches"), failing.output());

    try {
      Result up = script(env, "up", "--workers", "2");
      assertEquals(0, up.code(), up.output());
      assertTrue(up.output().contains("2 worker(s)"), up.output());
      Result busy = script(env, "up");
      assertEquals(1, busy.code());
      assertTrue(busy.output().contains("already up"), busy.output());
      Path secret = dir.resolve("state/secret");
      assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(secret)));
      String secretText = Files.readString(secret).strip();

      Result cluster = script(env, "submit", "annotate-job", "--input", in.toString(), "--output",
          dir.resolve("cluster").toString());
      assertEquals(0, cluster.code(), cluster.output());
      assertTrue(cluster.output().contains("to the local cluster spark://127.0.0.1:" + env.get("TM_MASTER_PORT")),
          cluster.output());
      assertEquals(examples(dir.resolve("local")), examples(dir.resolve("cluster")));
      assertFalse(cluster.output().contains(secretText), "the secret never reaches a log");
      try (Stream<Path> logs = Files.walk(dir.resolve("state/logs"))) {
        for (Path log : logs.filter(Files::isRegularFile).toList()) {
          assertFalse(Files.readString(log).contains(secretText), "secret in " + log);
        }
      }
      assertFalse(Files.readString(dir.resolve("cluster/report.json")).contains(secretText));
    } finally {
      Result down = script(env, "down");
      assertEquals(0, down.code(), down.output());
    }
    assertEquals(3, script(env, "status").code(), "no cluster left running");
  }
}
