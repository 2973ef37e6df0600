package org.treasuremarkers.jobs.annotate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.treasuremarkers.core.testing.LocalClusterScript;

/**
 * Fault test: one worker's executor is killed (kill -9) while annotate-job runs on a two-worker standalone cluster.
 * Spark retries the lost tasks and recomputes lost blocks elsewhere; the job must still succeed, reconcile its
 * counts, and write exactly the rows and markers of a clean run of the same input.
 */
class AnnotateExecutorLossIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private static final Path ROOT = Path.of(System.getProperty("treasure.projectDir", "../..")).toAbsolutePath().normalize();
  /** Copies of the bundled sample (237 rows): enough rows that the read-and-annotate pass runs for a while. */
  private static final int COPIES = 8;

  @TempDir
  Path dir;

  /** samples/demo-examples.jsonl repeated with new ids (and prompts, so the copies are distinct examples). */
  private Path input() throws IOException {
    List<String> sample = Files.readAllLines(ROOT.resolve("samples/demo-examples.jsonl"));
    List<String> lines = new ArrayList<>();
    for (int copy = 0; copy < COPIES; copy++) {
      for (String line : sample) {
        if (line.isBlank()) {
          continue;
        }
        ObjectNode row = (ObjectNode) JSON.readTree(line);
        row.put("id", row.get("id").asText() + "-copy" + copy);
        row.put("prompt", row.get("prompt").asText() + (copy == 0 ? "" : " (" + copy + ")"));
        lines.add(JSON.writeValueAsString(row));
      }
    }
    return Files.write(dir.resolve("in.jsonl"), lines);
  }

  private static List<Row> examples(Path output) {
    return AnnotateJobTest.spark().read().parquet(output.resolve("examples").toString())
        .select("id", "dataset", "prompt", "completion", "markers", "marker_origin").orderBy("id").collectAsList();
  }

  private static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The id of an executor running a task of the read-and-annotate pass now, from the driver's REST API; null when
   * none (or no answer yet). The pass is the first active stage with a task per partition (2 here): the stage
   * before it (numbering lines, one short task) can end between the poll and the kill, leaving no task to lose.
   */
  private static String executorWithATask(int uiPort) {
    try {
      JsonNode apps = get(uiPort, "/api/v1/applications");
      if (apps == null || apps.isEmpty()) {
        return null;
      }
      String app = "/api/v1/applications/" + apps.get(0).get("id").asText();
      JsonNode stages = get(uiPort, app + "/stages?status=active");
      boolean annotating = false;
      for (JsonNode st : stages == null ? JSON.createArrayNode() : stages) {
        annotating |= st.path("numTasks").asInt() >= 2 && st.path("numActiveTasks").asInt() >= 1
            && !st.path("name").asText().startsWith("zipWithIndex");
      }
      if (!annotating) {
        return null;
      }
      JsonNode executors = get(uiPort, app + "/executors");
      for (JsonNode e : executors == null ? JSON.createArrayNode() : executors) {
        if (!"driver".equals(e.path("id").asText()) && e.path("isActive").asBoolean() && e.path("activeTasks").asInt() > 0) {
          return e.get("id").asText();
        }
      }
      return null;
    } catch (IOException e) {
      return null; // the UI is not up yet
    }
  }

  private static JsonNode get(int port, String path) throws IOException {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(5)).build();
    try {
      HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  @Test
  void aKilledExecutorChangesNothingInTheOutput() throws Exception {
    Path in = input();
    long rows = Files.readAllLines(in).size();
    try (LocalClusterScript cluster = new LocalClusterScript(dir)) {
      // The clean run: embedded local Spark, no cluster up yet.
      LocalClusterScript.Result clean = cluster.run("submit", "annotate-job", "--input", in.toString(), "--output",
          dir.resolve("clean").toString());
      assertEquals(0, clean.code(), clean.output());

      cluster.up(2);
      Path log = dir.resolve("faulty.log");
      int uiPort = LocalClusterScript.freePort();
      Process job = cluster.start(log, "submit", "--conf", "spark.ui.port=" + uiPort, "annotate-job", "--input",
          in.toString(), "--output", dir.resolve("faulty").toString());
      // Once the run has started, kill the executor JVM of one that runs a task: the first long stage is the
      // read-and-annotate pass, so that is where the kill lands (the assertions below hold wherever it lands).
      assertTrue(LocalClusterScript.await(Duration.ofMinutes(3),
          () -> read(log).contains("input files from") || !job.isAlive()), "the run never started");
      AtomicReference<String> busy = new AtomicReference<>();
      assertTrue(LocalClusterScript.await(Duration.ofMinutes(2),
          () -> !job.isAlive() || busy.updateAndGet(b -> b != null ? b : executorWithATask(uiPort)) != null),
          "no executor ran a task: " + read(log));
      assertTrue(job.isAlive(), "the job ended before the kill: " + read(log));
      ProcessHandle victim = cluster.executor(busy.get()).orElseThrow(
          () -> new AssertionError("no JVM of executor " + busy.get()));
      LocalClusterScript.killTree(victim);
      assertFalse(victim.isAlive());

      assertTrue(job.waitFor(6, TimeUnit.MINUTES), "the job did not end: " + read(log));
      String output = read(log);
      assertEquals(0, job.exitValue(), output);
      // The kill happened while the executor ran a task, and Spark retried it elsewhere.
      assertTrue(output.contains("Lost executor " + busy.get()), output);
      assertTrue(output.contains("ExecutorLostFailure (executor " + busy.get() + " exited"), output);
      assertTrue(output.contains("annotate-job: read " + rows + ", annotated " + rows + ", rejected 0"), output);

      JsonNode report = JSON.readTree(dir.resolve("faulty/report.json").toFile());
      assertTrue(report.get("readEqualsAnnotatedPlusRejected").asBoolean(), report.toString());
      assertEquals(rows, report.at("/total/read").asLong());
      assertEquals(rows, report.at("/total/annotated").asLong());
      assertEquals(0, report.at("/total/rejected").asLong());

      List<Row> expected = examples(dir.resolve("clean"));
      assertEquals(rows, expected.size());
      assertEquals(expected, examples(dir.resolve("faulty")));
    }
  }
}
