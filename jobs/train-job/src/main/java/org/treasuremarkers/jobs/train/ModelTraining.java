package org.treasuremarkers.jobs.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.treasuremarkers.core.taxonomy.Taxonomy;
import org.treasuremarkers.model.train.ModelDirectory;
import org.treasuremarkers.model.train.SparkTraining;
import org.treasuremarkers.model.train.TrainingRun;
import org.treasuremarkers.spark.progress.SparkStageProgress;
import org.treasuremarkers.spark.prepare.TrainingSetPreparation;

/**
 * Training as train-job runs it: read prepared examples (or prepare annotate-job's output in memory with the
 * dropout stages), train and evaluate with {@link SparkTraining} into MODEL_DIR, and record where the model came
 * from in {@code provenance.json}. The session must be built with {@code SparkRounds.configure}.
 */
public final class ModelTraining {
  public static final String PROVENANCE = "provenance.json";

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * @param annotated annotate-job's output (prepared in memory), or null
   * @param prepared a {@code train-job --prepare-only} output, or null; exactly one of the two is given
   * @param maxTime stop training after this long (checkpointed; a rerun resumes), or null
   */
  public record Request(String annotated, String prepared, java.nio.file.Path output,
      org.treasuremarkers.spark.prepare.TrainConfig preparation, org.treasuremarkers.model.config.TrainConfig model,
      Taxonomy taxonomy, java.nio.file.Path initModel, Duration maxTime) {
    String input() {
      return annotated != null ? annotated : prepared;
    }
  }

  private ModelTraining() {}

  /** Fails fast, before Spark does any work: a missing input, a non-model output, a missing --init-model. */
  public static void check(Configuration hadoop, Request request) {
    String input = request.input();
    String flag = request.annotated() != null ? "--annotated" : "--prepared";
    try {
      Path examples = new Path(input, TrainingSetPreparation.EXAMPLES);
      FileSystem fs = examples.getFileSystem(hadoop);
      if (!fs.exists(new Path(input))) {
        throw new TrainingInputException(flag + " input " + input + " does not exist");
      }
      if (!fs.exists(examples)) {
        throw new TrainingInputException(flag + " input " + input + " has no " + TrainingSetPreparation.EXAMPLES
            + "/ folder; give " + (request.annotated() != null ? "annotate-job's output folder"
            : "a train-job --prepare-only output folder"));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    java.nio.file.Path output = request.output();
    if (Files.isRegularFile(output)) {
      throw new TrainingInputException("output " + output + " is a file; give a model folder");
    }
    // A folder train-job started (its configuration is written first) resumes or restarts; anything else is kept.
    ModelDirectory existing = new ModelDirectory(output);
    if (Files.isDirectory(output) && !isEmpty(output) && existing.latestCheckpoint().isEmpty()
        && !Files.isRegularFile(existing.configFile())) {
      throw new TrainingInputException("output " + output + " exists and is not a train-job model folder (no "
          + "checkpoints/, no " + existing.configFile().getFileName() + "); choose a new folder or empty it");
    }
    if (request.initModel() != null && !new ModelDirectory(request.initModel()).hasModel()) {
      throw new TrainingInputException("--init-model " + request.initModel() + " holds no " + ModelDirectory.MODEL
          + "; give a folder train-job wrote");
    }
  }

  public static SparkTraining.Result train(SparkSession spark, Request request) {
    check(spark.sparkContext().hadoopConfiguration(), request);
    Instant started = Instant.now();
    Dataset<Row> rows = request.annotated() != null
        ? TrainingSetPreparation.prepareInMemory(spark, request.annotated(), request.preparation())
        : spark.read().parquet(new Path(request.prepared(), TrainingSetPreparation.EXAMPLES).toString());
    // Read once per epoch and again for evaluation: prepare (or read) once.
    rows = rows.persist(StorageLevel.MEMORY_AND_DISK());
    // one progress line per Spark stage that runs longer than a few seconds (averaging rounds, evaluation)
    try (SparkStageProgress progress = SparkStageProgress.toStdout(spark, "train")) {
      ObjectNode provenance = provenance(spark, request, started);
      var eval = request.model().eval(); // the eval section of the configuration
      SparkTraining.Result result = SparkTraining.run(spark, rows, new SparkTraining.Request(
          new TrainingRun.Options(request.output(), request.model(), request.taxonomy(), request.initModel(),
              request.maxTime()), 0, eval.lossExamples(), eval.generationExamples(), eval.maxNewTokens()));
      TrainingRun.Summary s = result.summary();
      ObjectNode summary = provenance.putObject("run");
      summary.put("resumed", s.resumed());
      summary.put("finished", s.finished());
      summary.put("rounds", s.rounds());
      summary.put("examples", s.examples());
      summary.put("last_train_loss_per_token", s.lastLossPerToken());
      summary.put("started_at", started.toString());
      summary.put("ended_at", Instant.now().toString());
      write(request.output().resolve(PROVENANCE), provenance);
      return result;
    } finally {
      rows.unpersist();
    }
  }

  static ObjectNode provenance(SparkSession spark, Request request, Instant started) {
    ObjectNode p = JSON.createObjectNode();
    ObjectNode input = p.putObject("input");
    input.put("kind", request.annotated() != null ? "annotated" : "prepared");
    input.put("path", qualified(spark, request.input()));
    input.set("report", readReport(spark, request.input()));
    p.put("init_model", request.initModel() == null ? null : request.initModel().toAbsolutePath().toString());
    p.put("max_minutes", request.maxTime() == null ? null : request.maxTime().toMillis() / 60_000.0);
    ObjectNode config = p.putObject("config");
    config.put("source", request.preparation().source());
    config.put("sha256", request.preparation().sha256());
    ObjectNode seeds = p.putObject("seeds");
    seeds.put("dropout", request.preparation().dropout().seed());
    seeds.put("model", request.model().model().seed());
    seeds.put("training", request.model().training().seed());
    ObjectNode versions = p.putObject("versions");
    java.util.Properties built = builtVersions();
    versions.put("project", built.getProperty("project", "unknown"));
    versions.put("spark", spark.version());
    versions.put("dl4j", built.getProperty("dl4j", "unknown"));
    versions.put("dl4j_spark", built.getProperty("dl4j_spark", "unknown"));
    versions.put("java", System.getProperty("java.version"));
    versions.put("git_commit", gitCommit());
    p.put("written_at", started.toString());
    write(request.output().resolve(PROVENANCE), p);
    return p;
  }

  /** The input folder's report.json (annotate-job and --prepare-only both write one), or null. */
  private static JsonNode readReport(SparkSession spark, String input) {
    Path report = new Path(input, TrainingSetPreparation.REPORT);
    try {
      FileSystem fs = report.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!fs.exists(report)) {
        return null;
      }
      try (InputStream in = fs.open(report)) {
        return JSON.readTree(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + report + " (the input's report)", e);
    }
  }

  private static java.util.Properties builtVersions() {
    java.util.Properties props = new java.util.Properties();
    try (InputStream in = ModelTraining.class.getResourceAsStream("/treasure-markers/train-job-versions.properties")) {
      if (in != null) {
        props.load(in);
      }
    } catch (IOException e) {
      // versions stay "unknown"
    }
    return props;
  }

  /** The commit of the checkout the driver runs in, or "unknown" (no git, not a checkout, an installed jar). */
  static String gitCommit() {
    try {
      Process git = new ProcessBuilder("git", "rev-parse", "HEAD").redirectErrorStream(true).start();
      String text = new String(git.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
      if (git.waitFor(10, java.util.concurrent.TimeUnit.SECONDS) && git.exitValue() == 0
          && text.matches("[0-9a-f]{40}")) {
        return text;
      }
    } catch (IOException e) {
      // no git
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return "unknown";
  }

  private static String qualified(SparkSession spark, String path) {
    try {
      Path p = new Path(path);
      return p.getFileSystem(spark.sparkContext().hadoopConfiguration()).makeQualified(p).toString();
    } catch (IOException e) {
      return path;
    }
  }

  private static boolean isEmpty(java.nio.file.Path dir) {
    try (Stream<java.nio.file.Path> entries = Files.list(dir)) {
      return entries.findAny().isEmpty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }

  private static void write(java.nio.file.Path file, JsonNode node) {
    try {
      Files.createDirectories(file.getParent());
      JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), node);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
