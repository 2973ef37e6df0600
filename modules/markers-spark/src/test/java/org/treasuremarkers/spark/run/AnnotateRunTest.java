package org.treasuremarkers.spark.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.treasuremarkers.spark.TestSpark;
import org.treasuremarkers.spark.annotate.AnnotatedExampleSchema;
import org.treasuremarkers.spark.source.MissingInputException;
import org.treasuremarkers.spark.source.SourceFormat;
import org.treasuremarkers.spark.source.SourcesConfig;

class AnnotateRunTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final SparkSession spark = TestSpark.session();

  @TempDir
  Path dir;

  /** One line per malformed kind, plus good rows and blank lines. */
  static List<String> mixedLines() {
    List<String> lines = new ArrayList<>();
    lines.add("{\"id\":\"g1\",\"dataset\":\"d1\",\"prompt\":\"Write a haiku about rain.\",\"completion\":\"Soft rain on the roof.\"}");
    lines.add("{\"dataset\":\"d1\",\"prompt\":\"Add 2 and 3.\",\"completion\":\"5\"}");
    lines.add("");
    lines.add("{not json");
    lines.add("[1, 2]");
    lines.add("{\"dataset\":\"d1\",\"completion\":\"no prompt\"}");
    lines.add("{\"dataset\":\"d1\",\"prompt\":5,\"completion\":\"x\"}");
    lines.add("{\"dataset\":\"d1\",\"prompt\":\"" + "long ".repeat(600) + "\",\"completion\":\"x\"}");
    lines.add("{\"dataset\":\"d1\",\"prompt\":\"p\",\"completion\":\"c\",\"markers\":{\"lang\":\"Klingon\"}}");
    lines.add("{\"dataset\":\"d1\",\"prompt\":\"p\",\"completion\":\"c\",\"extra\":1}");
    lines.add("{\"dataset\":\"d1\",\"prompt\":\"p\",\"completion\":\"c\",\"quality\":\"high\"}");
    lines.add("{\"id\":\"g3\",\"dataset\":\"d2\",\"prompt\":\"Bonjour ?\",\"completion\":\"Salut.\",\"quality\":4.5,"
        + "\"markers\":{\"lang\":\"French\"}}");
    lines.add("{\"id\":\"g4\",\"dataset\":\"d2\",\"prompt\":\"Name a prime number.\",\"completion\":\"  \"}");
    lines.add("   ");
    return lines;
  }

  @Test
  void everyMalformedKindIsRejectedWithItsReasonAndCountsReconcile() throws IOException {
    Path input = dir.resolve("mixed.jsonl");
    Files.write(input, mixedLines(), StandardCharsets.UTF_8);
    String output = dir.resolve("out").toString();
    AnnotateResult result = AnnotateRun.run(spark, AnnotateOptions.of(
        SourcesConfig.rawInput(List.of(input.toString()), SourceFormat.JSONL, null, 2000), output));

    RunCounts total = result.total();
    assertEquals(12, total.read());
    assertEquals(2, total.blank());
    assertEquals(4, total.annotated());
    assertEquals(1, total.noAnswer(), "g4 has a blank completion");
    assertEquals(Map.of("malformed_json", 1L, "not_an_object", 1L, "missing_field", 1L, "not_a_string", 1L,
        "oversized", 1L, "invalid_marker", 1L, "unknown_field", 1L, "invalid_field", 1L), total.rejectedByReason());
    assertTrue(total.reconciles());
    assertEquals(2, result.datasets().get("d1").annotated());
    assertEquals(2, result.datasets().get("d2").annotated());
    assertEquals(1, result.datasets().get("d2").noAnswer());

    // rejected/: one JSON line per record, naming file, line, reason and raw text
    Map<Long, JsonNode> rejectedByLine = new HashMap<>();
    for (Row r : spark.read().text(output + "/rejected").collectAsList()) {
      JsonNode n = JSON.readTree(r.getString(0));
      rejectedByLine.put(n.get("line").asLong(), n);
      assertTrue(n.get("file").asText().endsWith("mixed.jsonl"), n.toString());
    }
    assertEquals(8, rejectedByLine.size());
    assertEquals("malformed_json", rejectedByLine.get(4L).get("reason").asText());
    assertEquals("{not json", rejectedByLine.get(4L).get("raw").asText());
    assertEquals("not_an_object", rejectedByLine.get(5L).get("reason").asText());
    assertEquals("missing_field", rejectedByLine.get(6L).get("reason").asText());
    assertTrue(rejectedByLine.get(6L).get("detail").asText().contains("prompt"));
    assertEquals("not_a_string", rejectedByLine.get(7L).get("reason").asText());
    assertEquals("oversized", rejectedByLine.get(8L).get("reason").asText());
    assertEquals("invalid_marker", rejectedByLine.get(9L).get("reason").asText());
    assertTrue(rejectedByLine.get(9L).get("detail").asText().contains("Klingon"));
    assertTrue(rejectedByLine.get(9L).get("raw").asText().contains("Klingon"));
    assertEquals("unknown_field", rejectedByLine.get(10L).get("reason").asText());
    assertEquals("invalid_field", rejectedByLine.get(11L).get("reason").asText());

    // examples/: the schema of annotated-example.schema.json, ids kept or derived, preset markers win
    List<Row> examples = spark.read().parquet(output + "/examples")
        .select("id", "dataset", "prompt", "completion", "markers", "marker_origin").orderBy("id").collectAsList();
    assertEquals(4, examples.size());
    Row unanswered = examples.stream().filter(r -> r.getString(0).equals("g4")).findFirst().orElseThrow();
    assertFalse(unanswered.getJavaMap(4).containsKey("quality"), "no answer, no quality: " + unanswered.getJavaMap(4));
    assertFalse(unanswered.getJavaMap(4).containsKey("quality_bucket"));
    Row frenchScore = spark.read().parquet(output + "/examples").where("id = 'g3'").select("quality_score").first();
    assertEquals(4.5, frenchScore.getDouble(0), "the row's own quality at full precision");
    Row french = examples.stream().filter(r -> r.getString(0).equals("g3")).findFirst().orElseThrow();
    assertEquals("French", french.getJavaMap(4).get("lang"));
    assertEquals("input", french.getJavaMap(5).get("lang"));
    assertEquals("4.50", french.getJavaMap(4).get("quality"));
    assertNotNull(french.getJavaMap(4).get("quality_bucket"));
    assertEquals("rule", french.getJavaMap(5).get("quality_bucket"));
    assertTrue(examples.stream().anyMatch(r -> r.getString(0).matches("[0-9a-f]{32}")), "derived id");
    for (var field : AnnotatedExampleSchema.sparkSchema().fields()) {
      assertEquals(field.dataType(), spark.read().parquet(output + "/examples").schema().apply(field.name()).dataType());
    }

    // stats/ and report.json
    List<String> csv = Files.readAllLines(Path.of(output, "stats", "markers.csv"));
    assertEquals("marker,value,dataset,count", csv.get(0));
    assertTrue(csv.contains("lang,French,d2,1"), csv.toString());
    assertTrue(csv.contains("source,,d1,2"), "no-value row (nothing sets source here): " + csv);
    JsonNode report = JSON.readTree(Path.of(output, "report.json").toFile());
    assertEquals(12, report.at("/total/read").asLong());
    assertEquals(4, report.at("/total/annotated").asLong());
    assertEquals(1, report.at("/total/noAnswer").asLong());
    assertTrue(csv.contains("quality,,d2,1"), "the unscored row counts as no quality value: " + csv);
    assertEquals(8, report.at("/total/rejected").asLong());
    assertEquals(2, report.at("/total/blank").asLong());
    assertTrue(report.get("readEqualsAnnotatedPlusRejected").asBoolean());
    assertEquals(1, report.at("/markerOrigins/d2/lang/input").asLong(), report.get("markerOrigins").toString());
    assertEquals(64, report.at("/taxonomy/sha256").asText().length());
    assertEquals(Files.size(input), report.at("/inputFiles/0/sizeBytes").asLong());
    assertTrue(report.at("/timingsSeconds/total").asDouble() > 0);
    assertFalse(report.toString().contains("secret"));
  }

  @Test
  void failsClearlyOnMissingInputAndExistingOutput() throws IOException {
    String output = dir.resolve("out").toString();
    MissingInputException missing = assertThrows(MissingInputException.class, () -> AnnotateRun.run(spark,
        AnnotateOptions.of(SourcesConfig.rawInput(List.of(dir.resolve("nope.jsonl").toString()), SourceFormat.JSONL, "d",
            1000), output)));
    assertTrue(missing.getMessage().contains("nope.jsonl"), missing.getMessage());

    Path input = dir.resolve("one.jsonl");
    Files.writeString(input, "{\"dataset\":\"d\",\"prompt\":\"p\",\"completion\":\"c\"}\n");
    Files.createDirectories(Path.of(output));
    Files.writeString(Path.of(output, "precious.txt"), "not ours");
    AnnotateOptions options = AnnotateOptions.of(
        SourcesConfig.rawInput(List.of(input.toString()), SourceFormat.JSONL, null, 1000), output).withClassify(false);
    OutputExistsException exists = assertThrows(OutputExistsException.class, () -> AnnotateRun.run(spark, options));
    assertTrue(exists.getMessage().contains("--overwrite"), exists.getMessage());
    OutputExistsException notOurs = assertThrows(OutputExistsException.class,
        () -> AnnotateRun.run(spark, options.withOverwrite(true)));
    assertTrue(notOurs.getMessage().contains("not written by annotate-job"), notOurs.getMessage());
    assertTrue(Files.exists(Path.of(output, "precious.txt")));

    String fresh = dir.resolve("fresh").toString();
    AnnotateOptions ok = AnnotateOptions.of(
        SourcesConfig.rawInput(List.of(input.toString()), SourceFormat.JSONL, null, 1000), fresh).withClassify(false);
    assertEquals(1, AnnotateRun.run(spark, ok).total().annotated());
    assertThrows(OutputExistsException.class, () -> AnnotateRun.run(spark, ok));
    assertEquals(1, AnnotateRun.run(spark, ok.withOverwrite(true)).total().annotated());
  }
}
