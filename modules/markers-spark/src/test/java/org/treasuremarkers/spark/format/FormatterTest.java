package org.treasuremarkers.spark.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.treasuremarkers.core.taxonomy.TaxonomyLoader;
import org.treasuremarkers.core.template.Template;
import org.treasuremarkers.spark.TestSpark;
import org.treasuremarkers.spark.dropout.ColumnRequirements;
import org.treasuremarkers.spark.dropout.DatasetDropout;
import org.treasuremarkers.spark.dropout.SampleDropout;
import org.treasuremarkers.spark.dropout.SyntheticAnnotatedExamples;
import scala.collection.JavaConverters;

class FormatterTest {
  private static final Template TEMPLATE = new Template(TaxonomyLoader.loadDefault());

  @Test
  void textsFollowTheLayoutAndParseBackToTheMarkers() {
    Dataset<Row> annotated = SyntheticAnnotatedExamples.generate(TestSpark.session(), 20_000, 3, 2, 30);
    Dataset<Row> prepared = new Formatter().transform(new SampleDropout().setPromptExcludedMarkers("quality")
        .transform(new DatasetDropout().setRate(0.3).transform(annotated)));
    List<Row> rows = prepared.select("id", "prompt", "completion", "markers", "prompt_markers", "input_text", "target_text")
        .collectAsList();
    Set<String> categoriesSeen = new HashSet<>();
    int withPromptTemplate = 0;
    for (Row r : rows) {
      String id = r.getString(0);
      String prompt = r.getString(1);
      String completion = r.getString(2);
      Map<String, String> markers = r.getJavaMap(3);
      Map<String, String> promptMarkers = r.getJavaMap(4);
      String input = r.getString(5);
      String target = r.getString(6);
      categoriesSeen.addAll(markers.keySet());

      assertEquals(TEMPLATE.render(markers) + "\n" + completion, target, id);
      assertEquals(promptMarkers.isEmpty() ? prompt : prompt + "\n" + TEMPLATE.render(promptMarkers), input, id);

      // The completion side parses back to exactly all markers, whatever dropout did to the prompt side.
      int end = target.indexOf(Template.CLOSE) + Template.CLOSE.length();
      assertEquals(new TreeMap<>(markers), TEMPLATE.strict().parse(target.substring(0, end)), id);
      assertEquals("\n" + completion, target.substring(end), id);
      if (!promptMarkers.isEmpty()) {
        withPromptTemplate++;
        assertEquals(new TreeMap<>(promptMarkers), TEMPLATE.strict().parse(input.substring(prompt.length() + 1)), id);
      }
    }
    assertEquals(TaxonomyLoader.loadDefault().names(), categoriesSeen, "the sample must cover every category");
    assertTrue(withPromptTemplate > 5_000 && withPromptTemplate < 15_000, "rows with a prompt template: " + withPromptTemplate);
  }

  @Test
  void edgeCasesMatchTemplateRender() {
    StructType schema = new StructType().add("id", DataTypes.StringType).add("prompt", DataTypes.StringType).add("completion", DataTypes.StringType)
        .add("markers", ColumnRequirements.MARKERS).add("prompt_markers", ColumnRequirements.MARKERS);
    List<Row> input = List.of(
        row("", "", Map.of(), Map.of()),
        row("ends with a newline\n", "¿Qué tal? 日本語 👍", Map.of("lang", "Spanish", "code_type", "cpp"), Map.of("lang", "Spanish")),
        row("p", "c", Map.of("task", "Rewrite"), Map.of("task", "Rewrite")));
    List<Row> out = new Formatter().transform(TestSpark.session().createDataFrame(input, schema))
        .select("prompt", "completion", "markers", "prompt_markers", "input_text", "target_text").collectAsList();
    for (Row r : out) {
      Map<String, String> pm = r.getJavaMap(3);
      assertEquals(pm.isEmpty() ? r.getString(0) : r.getString(0) + "\n" + TEMPLATE.render(pm), r.getString(4));
      assertEquals(TEMPLATE.render(r.getJavaMap(2)) + "\n" + r.getString(1), r.getString(5));
    }
    assertEquals("<TEMPLATE>\n</TEMPLATE>\n", out.get(0).getString(5));
  }

  @Test
  void aMarkerValueTheTaxonomyRejectsFailsNamingTheExample() {
    StructType schema = new StructType().add("id", DataTypes.StringType).add("prompt", DataTypes.StringType)
        .add("completion", DataTypes.StringType).add("markers", ColumnRequirements.MARKERS).add("prompt_markers", ColumnRequirements.MARKERS);
    Row bad = RowFactory.create("bad-1", "p", "c", JavaConverters.mapAsScalaMap(new TreeMap<>(Map.of("lang", "Klingon"))),
        JavaConverters.mapAsScalaMap(new TreeMap<>(Map.of())));
    Exception e = assertThrows(Exception.class,
        () -> new Formatter().transform(TestSpark.session().createDataFrame(List.of(bad), schema)).collectAsList());
    Throwable cause = e;
    while (cause.getCause() != null && !(cause instanceof org.treasuremarkers.core.taxonomy.InvalidMarkerException)) {
      cause = cause.getCause();
    }
    assertTrue(cause.getMessage().contains("Formatter: example bad-1: value 'Klingon' is not allowed for marker 'lang'"), cause.getMessage());
  }

  @Test
  void aSavedFormatterKeepsItsTaxonomy() throws Exception {
    java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("formatter");
    Formatter formatter = new Formatter().setTaxonomy(TaxonomyLoader.loadDefault());
    formatter.write().overwrite().save(dir.resolve("f").toString());
    Formatter loaded = Formatter.load(dir.resolve("f").toString());
    assertEquals(TaxonomyLoader.loadDefault().sha256(), java.util.HexFormat.of().formatHex(java.security.MessageDigest
        .getInstance("SHA-256").digest(loaded.getOrDefault(loaded.taxonomyJson()).getBytes(java.nio.charset.StandardCharsets.UTF_8))));
    Formatter other = new Formatter();
    IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> other.set(other.taxonomyJson(), "{}"));
    assertTrue(bad.getMessage().startsWith(other.uid() + ".taxonomyJson: "), bad.getMessage());
  }

  @Test
  void missingOrIllTypedColumnsAreReportedBeforeAnyJob() {
    Dataset<Row> annotated = SyntheticAnnotatedExamples.generate(TestSpark.session(), 10, 3, 1, 5);
    IllegalArgumentException noPromptMarkers = assertThrows(IllegalArgumentException.class, () -> new Formatter().transform(annotated));
    assertTrue(noPromptMarkers.getMessage().contains("Formatter: input has no column 'prompt_markers' (param promptMarkersCol)"),
        noPromptMarkers.getMessage());
    Dataset<Row> badPrompt = annotated.withColumn("prompt_markers", annotated.col("markers"))
        .withColumn("prompt", org.apache.spark.sql.functions.length(annotated.col("prompt")));
    IllegalArgumentException wrongType = assertThrows(IllegalArgumentException.class, () -> new Formatter().transform(badPrompt));
    assertTrue(wrongType.getMessage().contains("column 'prompt' (param promptCol) has type int; expected string"), wrongType.getMessage());
  }

  private static Row row(String prompt, String completion, Map<String, String> markers, Map<String, String> promptMarkers) {
    return RowFactory.create("edge-" + prompt.length() + "-" + completion.length(), prompt, completion, JavaConverters.mapAsScalaMap(new TreeMap<>(markers)),
        JavaConverters.mapAsScalaMap(new TreeMap<>(promptMarkers)));
  }
}
