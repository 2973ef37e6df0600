package org.treasuremarkers.jobs.annotate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The job in-process on local[2]: every input format of a sources file, exit codes, reruns. */
class AnnotateJobTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  static SparkSession spark() {
    return SparkSession.builder().master("local[2]").appName("annotate-job-tests")
        .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "4")
        .config("spark.driver.host", "127.0.0.1").getOrCreate();
  }

  @TempDir
  Path dir;

  private record Run(int code, String out, String err) {}

  private Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = AnnotateJob.execute(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), AnnotateJobTest::spark);
    return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** A sources file with one source per format, each with a bad record; returns its path. */
  private Path sourcesWithEveryFormat() throws IOException {
    Path data = Files.createDirectories(dir.resolve("data"));
    Files.writeString(data.resolve("quiz_fr.tsv"), "Combien font 2 et 2 ?\t4\nCombien font 3 et 4 ?\t7\n\nsans réponse\n");
    Files.writeString(data.resolve("tasks.json"), "[{\"instruction\": \"Translate to French.\", \"input\": \"Good morning\","
        + " \"output\": \"Bonjour\"},\n {\"instruction\": \"Say hi.\", \"input\": \"\", \"output\": \"Hi!\"},\n 42]");
    try (OutputStream gz = new GZIPOutputStream(Files.newOutputStream(data.resolve("code_python.jsonl.gz")))) {
      gz.write(("{\"task_id\": \"Python/0\", \"prompt\": \"def add(a, b):\", \"canonical_solution\": \"    return a + b\"}\n"
          + "{\"task_id\": \"Python/1\", \"prompt\": \"def neg(a):\"}\n").getBytes(StandardCharsets.UTF_8));
    }
    StructType schema = new StructType().add("q", DataTypes.StringType).add("a", DataTypes.StringType)
        .add("label", DataTypes.StringType);
    spark().createDataFrame(List.of(RowFactory.create("What is the capital of Italy?", "Rome", "qa"),
        RowFactory.create(null, "orphan answer", "qa")), schema).coalesce(1).write().parquet(data.resolve("qa.parquet").toString());
    Path sources = dir.resolve("sources.json");
    Files.writeString(sources, """
        {"baseDir": "data", "sources": [
          {"name": "quiz", "paths": ["quiz_*.tsv"], "format": "tsv", "columns": ["question", "answer"],
           "prompt": {"fields": ["question"]}, "completion": {"fields": ["answer"]},
           "markers": {"domain": "Math"},
           "derivedMarkers": [{"marker": "lang", "fromFileName": "^quiz_([a-z]+)\\\\.tsv$", "values": {"fr": "French"}}]},
          {"name": "tasks", "paths": ["tasks.json"], "format": "json",
           "prompt": {"fields": ["instruction", "input"], "separator": "\\n\\n"}, "completion": {"fields": ["output"]}},
          {"name": "code", "paths": ["code_*.jsonl.gz"], "format": "jsonl", "id": "task_id",
           "prompt": {"fields": ["prompt"]}, "completion": {"fields": ["canonical_solution"]},
           "markers": {"domain": "Code"},
           "derivedMarkers": [{"marker": "code_type", "fromFileName": "^code_([a-z]+)\\\\.jsonl\\\\.gz$"}]},
          {"name": "qa", "paths": ["qa.parquet"], "format": "parquet", "prompt": {"fields": ["q"]},
           "completion": {"fields": ["a"]},
           "derivedMarkers": [{"marker": "task", "fromField": "label", "values": {"qa": "QuestionAnswering"}}]}
        ]}
        """);
    return sources;
  }

  @Test
  void annotatesEveryFormatOfASourcesFileAndRejectsWithReasons() throws IOException {
    Path out = dir.resolve("out");
    Run r = run("--sources", sourcesWithEveryFormat().toString(), "--output", out.toString());
    assertEquals(0, r.code(), r.err());
    JsonNode report = JSON.readTree(out.resolve("report.json").toFile());
    assertCounts(report.at("/datasets/quiz"), 3, 2, 1, 1);
    assertEquals(1, report.at("/datasets/quiz/rejectedByReason/wrong_column_count").asLong());
    assertCounts(report.at("/datasets/tasks"), 3, 2, 1, 0);
    assertEquals(1, report.at("/datasets/tasks/rejectedByReason/not_an_object").asLong());
    assertCounts(report.at("/datasets/code"), 2, 1, 1, 0);
    assertEquals(1, report.at("/datasets/code/rejectedByReason/missing_field").asLong());
    assertCounts(report.at("/datasets/qa"), 2, 1, 1, 0);
    assertTrue(report.get("readEqualsAnnotatedPlusRejected").asBoolean());

    Map<String, Row> byPrompt = new HashMap<>();
    for (Row row : spark().read().parquet(out.resolve("examples").toString()).collectAsList()) {
      byPrompt.put(row.getAs("prompt"), row);
    }
    Row quiz = byPrompt.get("Combien font 2 et 2 ?");
    assertEquals("French", quiz.getJavaMap(quiz.fieldIndex("markers")).get("lang"));
    assertEquals("dataset", quiz.getJavaMap(quiz.fieldIndex("marker_origin")).get("lang"));
    assertTrue(byPrompt.containsKey("Translate to French.\n\nGood morning"), byPrompt.keySet().toString());
    assertTrue(byPrompt.containsKey("Say hi."), "an empty input adds no separator");
    Row code = byPrompt.get("def add(a, b):");
    assertEquals("Python/0", code.getAs("id"));
    assertEquals("python", code.getJavaMap(code.fieldIndex("markers")).get("code_type"));
    Row qa = byPrompt.get("What is the capital of Italy?");
    assertEquals("QuestionAnswering", qa.getJavaMap(qa.fieldIndex("markers")).get("task"));
    assertEquals("input", qa.getJavaMap(qa.fieldIndex("marker_origin")).get("task"));

    List<JsonNode> rejected = new ArrayList<>();
    for (Row line : spark().read().text(out.resolve("rejected").toString()).collectAsList()) {
      rejected.add(JSON.readTree(line.getString(0)));
    }
    JsonNode tsv = rejected.stream().filter(n -> n.get("reason").asText().equals("wrong_column_count")).findFirst().orElseThrow();
    assertEquals(4, tsv.get("line").asLong());
    assertEquals("sans réponse", tsv.get("raw").asText());
    JsonNode element = rejected.stream().filter(n -> n.get("reason").asText().equals("not_an_object")).findFirst().orElseThrow();
    assertEquals(3, element.get("row").asLong());
    assertEquals("42", element.get("raw").asText());
  }

  private static void assertCounts(JsonNode n, long read, long annotated, long rejected, long blank) {
    assertEquals(read, n.get("read").asLong(), n.toString());
    assertEquals(annotated, n.get("annotated").asLong(), n.toString());
    assertEquals(rejected, n.get("rejected").asLong(), n.toString());
    assertEquals(blank, n.get("blank").asLong(), n.toString());
  }

  @Test
  void expectedFailuresExitWithOneClearLine() throws IOException {
    Run missing = run("--input", dir.resolve("nope.jsonl").toString(), "--output", dir.resolve("o1").toString());
    assertEquals(2, missing.code());
    assertOneLine(missing.err(), "no input file matches");

    Path input = Files.writeString(dir.resolve("in.jsonl"), "{\"dataset\":\"d\",\"prompt\":\"p\",\"completion\":\"c\"}\n");
    Run taxonomy = run("--input", input.toString(), "--taxonomy", dir.resolve("missing-taxonomy.json").toString(),
        "--output", dir.resolve("o2").toString());
    assertEquals(2, taxonomy.code());
    assertOneLine(taxonomy.err(), "missing-taxonomy.json: file not found");

    Path brokenTaxonomy = Files.writeString(dir.resolve("broken.json"), "{\"version\": \"1\", \"categories\": {\"task\": {\"type\": \"categorical\"}}}");
    Run broken = run("--input", input.toString(), "--taxonomy", brokenTaxonomy.toString(), "--output", dir.resolve("o3").toString());
    assertEquals(2, broken.code());
    assertOneLine(broken.err(), "broken.json");

    Files.createDirectories(dir.resolve("taken"));
    Files.writeString(dir.resolve("taken/file"), "x");
    Run exists = run("--input", input.toString(), "--output", dir.resolve("taken").toString());
    assertEquals(2, exists.code());
    assertOneLine(exists.err(), "already exists; pass --overwrite");

    Run usage = run("--input", input.toString());
    assertEquals(2, usage.code());
    assertTrue(usage.err().startsWith("annotate-job: --output DIR is required\nusage:"), usage.err());
  }

  private static void assertOneLine(String err, String expected) {
    assertTrue(err.startsWith("annotate-job: ") && err.contains(expected), err);
    assertEquals(1, err.strip().lines().count(), "one line, no stack trace: " + err);
    assertFalse(err.contains("Exception"), err);
  }

  @Test
  void rerunsGiveTheSameRowsAndMarkersWhateverThePartitioning() throws IOException {
    List<String> lines = new ArrayList<>();
    String[] prompts = {"Write a python function that reverses a list.", "Translate 'good night' into German.",
        "What is 17 times 3?", "Summarize the plot of Hamlet in two sentences.", "Explique la photosynthèse.",
        "Write SQL to count rows in a table named users.", "Écris un poème sur la mer.", "¿Cuál es la capital de Perú?"};
    for (int i = 0; i < 240; i++) {
      String p = prompts[i % prompts.length] + " (" + i + ")";
      lines.add(JSON.writeValueAsString(Map.of("dataset", "ds" + (i % 3), "prompt", p, "completion", "Answer " + i
          + ": " + "some words here ".repeat(i % 7), "quality", (i * 37 % 500) / 100.0)));
    }
    Path one = Files.createDirectories(dir.resolve("one"));
    Files.write(one.resolve("all.jsonl"), lines);
    Path three = Files.createDirectories(dir.resolve("three"));
    for (int f = 0; f < 3; f++) {
      Files.write(three.resolve("part" + f + ".jsonl"), lines.subList(f * 80, f * 80 + 80));
    }
    Run a = run("--input", one.toString(), "--output", dir.resolve("a").toString());
    String before = spark().conf().get("spark.sql.shuffle.partitions");
    spark().conf().set("spark.sql.shuffle.partitions", "7");
    Run b;
    try {
      b = run("--input", three + "/*.jsonl", "--output", dir.resolve("b").toString());
    } finally {
      spark().conf().set("spark.sql.shuffle.partitions", before);
    }
    assertEquals(0, a.code(), a.err());
    assertEquals(0, b.code(), b.err());
    List<Row> first = spark().read().parquet(dir.resolve("a/examples").toString()).orderBy("id").collectAsList();
    List<Row> second = spark().read().parquet(dir.resolve("b/examples").toString()).orderBy("id").collectAsList();
    assertEquals(240, first.size());
    assertEquals(first, second);
    assertTrue(first.stream().anyMatch(r -> r.getJavaMap(r.fieldIndex("markers")).containsKey("quality_bucket")));
  }
}
