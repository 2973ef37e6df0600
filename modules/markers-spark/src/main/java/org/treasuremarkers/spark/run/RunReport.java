package org.treasuremarkers.spark.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.spark.sql.SparkSession;
import org.treasuremarkers.core.taxonomy.Taxonomy;
import org.treasuremarkers.spark.classify.MarkerClassifierModel;
import org.treasuremarkers.spark.quality.QualityBucketModel;
import org.treasuremarkers.spark.source.InputFile;
import org.treasuremarkers.spark.source.SourceDefinition;

/**
 * report.json: what the run read, wrote and rejected, per dataset and in total; the classifier's held-out
 * accuracy; the quality splits; timings per stage; and the provenance (configuration, taxonomy hash, input
 * files, versions). Only named Spark settings are copied, never the whole configuration (it may hold secrets).
 */
final class RunReport {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private RunReport() {}

  static ObjectNode build(SparkSession spark, AnnotateOptions options, Taxonomy taxonomy, List<InputFile> files,
      RunCounts total, Map<String, RunCounts> datasets, QualityBucketModel buckets, MarkerClassifierModel classifier,
      Map<String, Double> timings, int statsRows) {
    ObjectNode root = JSON.createObjectNode();
    root.put("finishedAt", Instant.now().toString());
    root.set("total", counts(total));
    ObjectNode perDataset = root.putObject("datasets");
    datasets.forEach((name, c) -> perDataset.set(name, counts(c)));
    root.put("readEqualsAnnotatedPlusRejected", total.reconciles());

    ObjectNode outputs = root.putObject("outputs");
    outputs.put("examples", "examples/ (Parquet, partitioned by dataset; schema datasets-schema/annotated-example.schema.json)");
    outputs.put("rejected", "rejected/ (JSON lines: file, line or row, dataset, reason, detail, raw)");
    outputs.put("stats", "stats/markers.csv and stats/markers.parquet (" + statsRows + " rows; an empty value = no value)");
    outputs.put("models", "models/quality-buckets, models/marker-classifier (Spark ML; reload to re-apply)");

    ArrayNode evaluations = root.putArray("classifier");
    if (classifier != null) {
      evaluations.addAll((ArrayNode) JSON.valueToTree(classifier.evaluations()));
    }
    ObjectNode quality = root.putObject("qualityBuckets");
    quality.put("splitsFrom", options.qualitySplits() == null ? "fitted on this run" : options.qualitySplits());
    ObjectNode splits = quality.putObject("splitsByLang");
    buckets.splitsByGroup().forEach((group, s) -> splits.set(group.isEmpty() ? "(no lang)" : group, JSON.valueToTree(s)));

    ObjectNode times = root.putObject("timingsSeconds");
    timings.forEach(times::put);

    ObjectNode config = root.putObject("config");
    config.put("sources", options.sources().origin());
    config.put("maxRecordBytes", options.sources().maxRecordBytes());
    config.put("output", options.output());
    config.put("overwrite", options.overwrite());
    config.put("classify", options.classify());
    config.put("tagger", options.tagger());
    root.set("tagger", TaggerSummary.of(options.tagger()));
    config.put("qualitySplits", options.qualitySplits());
    ArrayNode sources = config.putArray("sourceDefinitions");
    for (SourceDefinition s : options.sources().sources()) {
      ObjectNode n = sources.addObject();
      n.put("name", s.name());
      n.put("format", s.format().label());
      n.set("paths", JSON.valueToTree(s.paths()));
      n.set("markers", JSON.valueToTree(s.markers()));
      n.put("rawSchema", s.rawSchema());
    }
    ObjectNode sparkConf = config.putObject("spark");
    sparkConf.put("master", spark.sparkContext().master());
    sparkConf.put("applicationId", spark.sparkContext().applicationId());
    sparkConf.put("defaultParallelism", spark.sparkContext().defaultParallelism());
    sparkConf.put("sqlShufflePartitions", spark.conf().get("spark.sql.shuffle.partitions"));

    ObjectNode tax = root.putObject("taxonomy");
    tax.put("source", taxonomy.source());
    tax.put("version", taxonomy.version());
    tax.put("sha256", taxonomy.sha256());

    ArrayNode inputs = root.putArray("inputFiles");
    for (InputFile f : files) {
      ObjectNode n = inputs.addObject();
      n.put("source", f.source());
      n.put("path", f.path());
      n.put("sizeBytes", f.sizeBytes());
      n.put("modified", Instant.ofEpochMilli(f.modifiedMillis()).toString());
    }

    ObjectNode versions = root.putObject("versions");
    versions.put("treasureMarkers", projectVersion());
    versions.put("spark", spark.version());
    versions.put("scala", scala.util.Properties.versionNumberString());
    versions.put("java", System.getProperty("java.version"));
    return root;
  }

  /** A nested map as JSON (dataset -> marker -> origin -> rows). */
  static com.fasterxml.jackson.databind.JsonNode tree(Object value) {
    return JSON.valueToTree(value);
  }

  static String pretty(ObjectNode report) {
    try {
      return JSON.writeValueAsString(report) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ObjectNode counts(RunCounts c) {
    ObjectNode n = JSON.createObjectNode();
    n.put("read", c.read());
    n.put("annotated", c.annotated());
    n.put("rejected", c.rejected());
    n.set("rejectedByReason", JSON.valueToTree(c.rejectedByReason().entrySet().stream()
        .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a,
            java.util.TreeMap::new))));
    n.put("blank", c.blank());
    n.put("noAnswer", c.noAnswer()); // annotated rows with a blank completion: no quality, no quality_bucket
    return n;
  }

  private static String projectVersion() {
    try (InputStream in = RunReport.class.getResourceAsStream("/treasure-markers/markers-spark.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
