package org.treasuremarkers.model.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.treasuremarkers.core.annotate.ExampleAnnotator;
import org.treasuremarkers.core.annotate.StandardAnnotators;
import org.treasuremarkers.core.example.RawExample;
import org.treasuremarkers.core.taxonomy.Taxonomy;
import org.treasuremarkers.core.taxonomy.TaxonomyLoader;
import org.treasuremarkers.core.template.Template;
import org.treasuremarkers.model.data.StableHash;
import org.treasuremarkers.model.data.TrainingText;

/**
 * Training rows for tests from the bundled demo sample (samples/demo-examples.jsonl), annotated with the project's
 * standard annotators. Half the rows keep their markers on the prompt side, half have none (a stand-in for the
 * dropout stage, which lives in another module).
 */
public final class DemoRows {
  public static final Taxonomy TAXONOMY = TaxonomyLoader.loadDefault();

  /** One prepared example. */
  public record Example(String id, String prompt, String completion, SortedMap<String, String> markers,
      Map<String, String> promptMarkers, String inputText, String targetText) {}

  private DemoRows() {}

  public static List<Example> load() {
    Path file = Path.of(System.getProperty("treasure.projectDir", "../..")).resolve("samples/demo-examples.jsonl");
    ExampleAnnotator annotator = StandardAnnotators.exampleAnnotator(TAXONOMY);
    Template template = new Template(TAXONOMY);
    ObjectMapper mapper = new ObjectMapper();
    List<Example> out = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(file)) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode n = mapper.readTree(line);
        RawExample raw = new RawExample(n.get("id").asText(), n.get("dataset").asText(), n.get("prompt").asText(),
            n.get("completion").asText(), null, Map.of(), Map.of());
        SortedMap<String, String> markers = new TreeMap<>(annotator.annotate(raw, Map.of()).markers());
        Map<String, String> promptMarkers = StableHash.unit(1, raw.id()) < 0.5 ? markers : Map.of();
        out.add(new Example(raw.id(), raw.prompt(), raw.completion(), markers, promptMarkers,
            TrainingText.input(template, raw.prompt(), promptMarkers),
            TrainingText.target(template, markers, raw.completion())));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    return out;
  }

  public static Dataset<Row> dataset(SparkSession spark, List<Example> examples) {
    StructType schema = new StructType()
        .add("id", DataTypes.StringType, false)
        .add("input_text", DataTypes.StringType, false)
        .add("target_text", DataTypes.StringType, false)
        .add("prompt", DataTypes.StringType, false)
        .add("completion", DataTypes.StringType, false)
        .add("markers", DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType), false)
        .add("prompt_markers", DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType), false);
    List<Row> rows = examples.stream().map(e -> RowFactory.create(e.id(), e.inputText(), e.targetText(), e.prompt(),
        e.completion(), scala.collection.JavaConverters.mapAsScalaMap(e.markers()),
        scala.collection.JavaConverters.mapAsScalaMap(e.promptMarkers()))).toList();
    return spark.createDataFrame(rows, schema).repartition(2);
  }
}
