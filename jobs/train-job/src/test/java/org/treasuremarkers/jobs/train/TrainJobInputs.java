package org.treasuremarkers.jobs.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.treasuremarkers.core.annotate.ExampleAnnotator;
import org.treasuremarkers.core.annotate.StandardAnnotators;
import org.treasuremarkers.core.example.Annotation;
import org.treasuremarkers.core.example.RawExample;
import org.treasuremarkers.core.taxonomy.TaxonomyLoader;
import org.treasuremarkers.model.train.SparkRounds;
import scala.collection.JavaConverters;

/** What train-job's end-to-end tests train on: the demo sample annotated like annotate-job, and a tiny model. */
final class TrainJobInputs {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Path PROJECT = Path.of(System.getProperty("treasure.projectDir", "../.."));

  private TrainJobInputs() {}

  /** local[2] with Kryo for training; the test JVM shares one session (getOrCreate). */
  static SparkSession session() {
    return SparkSession.builder().config(SparkRounds.configure(new SparkConf().setMaster("local[2]")
        .setAppName("train-job-tests").set("spark.ui.enabled", "false").set("spark.sql.shuffle.partitions", "2")
        .set("spark.driver.host", "127.0.0.1"))).getOrCreate();
  }

  /** The demo rows annotated like annotate-job does (examples/ partitioned by dataset, and a report.json). */
  static Path annotatedDemo(SparkSession spark, Path dir) throws Exception {
    ExampleAnnotator annotator = StandardAnnotators.exampleAnnotator(TaxonomyLoader.loadDefault());
    StructType schema = new StructType().add("id", DataTypes.StringType).add("dataset", DataTypes.StringType)
        .add("prompt", DataTypes.StringType).add("completion", DataTypes.StringType)
        .add("markers", DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType))
        .add("marker_origin", DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType));
    List<Row> rows = new ArrayList<>();
    for (String line : Files.readAllLines(PROJECT.resolve("samples/demo-examples.jsonl"))) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode n = JSON.readTree(line);
      RawExample raw = new RawExample(n.get("id").asText(), n.get("dataset").asText(), n.get("prompt").asText(),
          n.get("completion").asText(), null, Map.of(), Map.of());
      Annotation a = annotator.annotate(raw, Map.of());
      SortedMap<String, String> origins = new TreeMap<>();
      a.origins().forEach((k, v) -> origins.put(k, v.label()));
      rows.add(RowFactory.create(raw.id(), raw.dataset(), raw.prompt(), raw.completion(),
          JavaConverters.mapAsScalaMap(a.markers()), JavaConverters.mapAsScalaMap(origins)));
    }
    spark.createDataFrame(rows, schema).write().partitionBy("dataset").parquet(dir.resolve("examples").toString());
    ObjectNode report = JSON.createObjectNode().put("written_by", "TrainJobInputs");
    report.putObject("total").put("read", rows.size()).put("annotated", rows.size()); // annotate-job's shape
    JSON.writeValue(dir.resolve("report.json").toFile(), report);
    return dir;
  }

  /** conf/train.json with the tests' tiny model (tiny-train-overrides.json) and then {@code moreOverrides}. */
  static Path tinyConfig(Path file, String moreOverrides) throws Exception {
    ObjectNode base = (ObjectNode) JSON.readTree(PROJECT.resolve("conf/train.json").toFile());
    base.remove("$schema");
    try (var in = TrainJobInputs.class.getResourceAsStream("/tiny-train-overrides.json")) {
      JSON.readerForUpdating(base).readValue(in);
    }
    JSON.readerForUpdating(base).readValue(moreOverrides);
    JSON.writeValue(file.toFile(), base);
    return file;
  }
}
