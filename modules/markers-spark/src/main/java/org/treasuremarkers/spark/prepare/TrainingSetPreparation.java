package org.treasuremarkers.spark.prepare;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map_keys;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.treasuremarkers.spark.dropout.ColumnRequirements;
import org.treasuremarkers.spark.dropout.DropoutKind;
import org.treasuremarkers.spark.format.TrainingExampleSchema;

/**
 * Prepares the training set: annotate-job's {@code examples/} -> dropout -> formatting -> {@code OUTPUT/examples}
 * (Parquet, columns of datasets-schema/training-example.schema.json), the fitted pipeline in
 * {@code OUTPUT/pipeline} (to inspect or replay), and {@code OUTPUT/report.json}: what dropout did, overall
 * and per dataset, with the seed, the configuration and the input it came from.
 */
public final class TrainingSetPreparation {
  public static final String EXAMPLES = "examples";
  public static final String PIPELINE = "pipeline";
  public static final String REPORT = "report.json";

  /** The columns read from annotate-job's output (marker_origin is not needed for training). */
  static final StructType ANNOTATED_COLUMNS = new StructType()
      .add("id", DataTypes.StringType)
      .add("dataset", DataTypes.StringType)
      .add("prompt", DataTypes.StringType)
      .add("completion", DataTypes.StringType)
      .add("markers", ColumnRequirements.MARKERS);

  private static final ObjectMapper JSON = new ObjectMapper();

  private TrainingSetPreparation() {}

  /** What a run produced. */
  public record Result(DropoutFigures overall, Map<String, DropoutFigures> perDataset, ObjectNode report) {}

  /** Fails fast, before Spark does any work, on a missing input or an output that may not be replaced. */
  public static void checkPaths(Configuration hadoop, String annotated, String output, boolean overwrite) {
    try {
      Path examples = new Path(annotated, EXAMPLES);
      FileSystem inFs = examples.getFileSystem(hadoop);
      if (!inFs.exists(new Path(annotated))) {
        throw new PreparationException("annotated input " + annotated + " does not exist; give annotate-job's output folder");
      }
      if (!inFs.exists(examples)) {
        throw new PreparationException("annotated input " + annotated + " has no " + EXAMPLES
            + "/ folder; give annotate-job's output folder (it holds " + EXAMPLES + "/)");
      }
      Path out = new Path(output);
      FileSystem outFs = out.getFileSystem(hadoop);
      String in = inFs.makeQualified(new Path(annotated)).toString() + "/";
      String outQualified = outFs.makeQualified(out).toString() + "/";
      if (outQualified.startsWith(in) || in.startsWith(outQualified)) {
        throw new PreparationException("output " + output + " overlaps the annotated input " + annotated + "; choose a separate folder");
      }
      if (outFs.exists(out) && !overwrite) {
        throw new PreparationException("output " + output + " already exists; pass --overwrite to replace it, or choose another folder");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Result prepare(SparkSession spark, String annotated, String output, TrainConfig config, boolean overwrite) {
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    checkPaths(hadoop, annotated, output, overwrite);
    long started = System.nanoTime();
    Dataset<Row> input = spark.read().schema(ANNOTATED_COLUMNS).parquet(new Path(annotated, EXAMPLES).toString());
    long inputRows = input.count();

    PipelineModel pipeline = PreparationPipeline.build(config.dropout()).fit(input);
    try {
      Path out = new Path(output);
      FileSystem fs = out.getFileSystem(hadoop);
      if (overwrite && fs.exists(out) && !fs.delete(out, true)) {
        throw new PreparationException("output " + output + " could not be deleted for overwriting; check its permissions");
      }
      pipeline.transform(input).select(columns(TrainingExampleSchema.columns())).write().parquet(new Path(out, EXAMPLES).toString());
      pipeline.write().save(new Path(out, PIPELINE).toString());

      Dataset<Row> prepared = spark.read().parquet(new Path(out, EXAMPLES).toString());
      Map<String, DropoutFigures> perDataset = figuresByDataset(prepared, config.dropout());
      DropoutFigures overall = total(perDataset.values());
      if (overall.rows() != inputRows) {
        throw new PreparationException("prepared " + overall.rows() + " rows from " + inputRows + " annotated rows in "
            + annotated + "; every annotated row must become one training row");
      }
      ObjectNode report = report(spark, annotated, output, input, inputRows, config, overall, perDataset,
          (System.nanoTime() - started) / 1e9);
      try (OutputStream os = fs.create(new Path(out, REPORT), true)) {
        os.write(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(report).getBytes(StandardCharsets.UTF_8));
        os.write('\n');
      }
      return new Result(overall, perDataset, report);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The same stages as {@link #prepare}, kept in memory (nothing written): for a job that trains right after
   * preparing. The caller persists the result if it reads it more than once.
   */
  public static Dataset<Row> prepareInMemory(SparkSession spark, String annotated, TrainConfig config) {
    Dataset<Row> input = spark.read().schema(ANNOTATED_COLUMNS).parquet(new Path(annotated, EXAMPLES).toString());
    PipelineModel pipeline = PreparationPipeline.build(config.dropout()).fit(input);
    return pipeline.transform(input).select(columns(TrainingExampleSchema.columns()));
  }

  /** Recomputes the dropout figures from prepared rows, using only the configuration's marker lists. */
  public static Map<String, DropoutFigures> figuresByDataset(Dataset<Row> prepared, DropoutConfig config) {
    List<String> notDroppable = new ArrayList<>(config.protectedMarkers());
    notDroppable.addAll(config.promptExcludedMarkers());
    Column n = size(notDroppable.isEmpty() ? map_keys(col("markers"))
        : filter(map_keys(col("markers")), k -> not(k.isin(notDroppable.toArray()))));
    Column keptDroppable = size(config.protectedMarkers().isEmpty() ? map_keys(col("prompt_markers"))
        : filter(map_keys(col("prompt_markers")), k -> not(k.isin(config.protectedMarkers().toArray()))));
    Column datasetDropped = col("dropout").equalTo(DropoutKind.DATASET.label());
    Column eligible = not(datasetDropped).and(n.gt(0));
    List<Row> rows = prepared.groupBy("dataset").agg(
        count(lit(1)),
        sum(when(datasetDropped, 1).otherwise(0)),
        sum(when(eligible, 1).otherwise(0)),
        sum(when(col("dropout").equalTo(DropoutKind.SAMPLE.label()), 1).otherwise(0)),
        avg(when(eligible, n.minus(keptDroppable).divide(n))),
        avg(size(col("prompt_markers"))),
        avg(size(col("markers")))).collectAsList();
    Map<String, DropoutFigures> out = new TreeMap<>();
    for (Row r : rows) {
      out.put(r.getString(0), new DropoutFigures(r.getLong(1), r.getLong(2), r.getLong(3), r.getLong(4),
          r.isNullAt(5) ? 0 : r.getDouble(5), r.getDouble(6), r.getDouble(7)));
    }
    return out;
  }

  static DropoutFigures total(Iterable<DropoutFigures> parts) {
    long rows = 0, datasetDropped = 0, eligible = 0, sampled = 0;
    double shareSum = 0, promptMarkers = 0, markers = 0;
    for (DropoutFigures f : parts) {
      rows += f.rows();
      datasetDropped += f.datasetDropoutRows();
      eligible += f.sampleEligibleRows();
      sampled += f.sampleDropoutRows();
      shareSum += f.sampleRemovedShareMean() * f.sampleEligibleRows();
      promptMarkers += f.promptMarkersMean() * f.rows();
      markers += f.markersMean() * f.rows();
    }
    return new DropoutFigures(rows, datasetDropped, eligible, sampled, eligible == 0 ? 0 : shareSum / eligible,
        rows == 0 ? 0 : promptMarkers / rows, rows == 0 ? 0 : markers / rows);
  }

  private static ObjectNode report(SparkSession spark, String annotated, String output, Dataset<Row> input, long inputRows,
      TrainConfig config, DropoutFigures overall, Map<String, DropoutFigures> perDataset, double seconds) {
    ObjectNode report = JSON.createObjectNode();
    report.put("rows", overall.rows());
    figures(report, overall);
    ObjectNode datasets = report.putObject("per_dataset");
    perDataset.forEach((name, f) -> {
      ObjectNode d = datasets.putObject(name);
      d.put("rows", f.rows());
      d.put("dataset_rate", config.dropout().datasetRateFor(name));
      d.put("sample_rate", config.dropout().sampleRateFor(name));
      figures(d, f);
    });
    ObjectNode provenance = report.putObject("provenance");
    provenance.put("input", qualified(spark, annotated));
    provenance.put("input_rows", inputRows);
    provenance.put("input_files", input.inputFiles().length);
    provenance.put("output", qualified(spark, output));
    provenance.put("seed", config.dropout().seed());
    ObjectNode configNode = provenance.putObject("config");
    configNode.put("source", config.source());
    configNode.put("sha256", config.sha256());
    configNode.set("dropout", config.json().get("dropout"));
    provenance.put("layout", "datasets-schema/" + TrainingExampleSchema.FILE + " x-layout");
    provenance.put("spark_version", spark.version());
    provenance.put("prepared_at", Instant.now().toString());
    provenance.put("seconds", Math.round(seconds * 10) / 10.0);
    return report;
  }

  private static String qualified(SparkSession spark, String path) {
    try {
      Path p = new Path(path);
      return p.getFileSystem(spark.sparkContext().hadoopConfiguration()).makeQualified(p).toString();
    } catch (IOException e) {
      return path;
    }
  }

  private static void figures(ObjectNode node, DropoutFigures f) {
    node.put("dataset_dropout_rows", f.datasetDropoutRows());
    node.put("dataset_dropout_share", f.datasetDropoutShare());
    node.put("sample_eligible_rows", f.sampleEligibleRows());
    node.put("sample_dropout_rows", f.sampleDropoutRows());
    node.put("sample_dropout_mean_share", f.sampleRemovedShareMean());
    node.put("prompt_markers_mean", f.promptMarkersMean());
    node.put("markers_mean", f.markersMean());
  }

  private static Column[] columns(String[] names) {
    Column[] out = new Column[names.length];
    for (int i = 0; i < names.length; i++) {
      out[i] = col(names[i]);
    }
    return out;
  }
}
