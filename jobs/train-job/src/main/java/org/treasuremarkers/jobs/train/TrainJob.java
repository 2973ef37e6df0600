package org.treasuremarkers.jobs.train;

import java.io.PrintStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.treasuremarkers.core.json.InvalidConfigException;
import org.treasuremarkers.core.json.SchemaCheckedJson;
import org.treasuremarkers.core.taxonomy.Taxonomy;
import org.treasuremarkers.core.taxonomy.TaxonomyLoader;
import org.treasuremarkers.spark.prepare.DropoutFigures;
import org.treasuremarkers.spark.prepare.PreparationException;
import org.treasuremarkers.spark.prepare.TrainConfig;
import org.treasuremarkers.spark.prepare.TrainingSetPreparation;

/**
 * {@code train-job --prepare-only --annotated DIR --output DIR [--config FILE] [--overwrite]}: a thin main over
 * {@link TrainingSetPreparation}. Expected problems (usage, configuration, folders) end with one line on
 * stderr and exit code 2; nothing is written.
 */
public final class TrainJob {
  public static final int EXIT_OK = 0;
  public static final int EXIT_BAD_INPUT = 2;

  private TrainJob() {}

  public static void main(String[] args) {
    System.exit(run(args, null, System.out, System.err));
  }

  /** Runs the job; {@code spark} may be null (a session is created, local[*] unless spark-submit set a master). */
  public static int run(String[] args, SparkSession spark, PrintStream out, PrintStream err) {
    TrainConfig config;
    TrainOptions options;
    try {
      options = TrainOptions.parse(args);
      config = loadConfig(options, TaxonomyLoader.loadDefault());
      // Before Spark starts: a missing input or a protected output costs no start-up time.
      TrainingSetPreparation.checkPaths(new Configuration(), options.annotated(), options.output(), options.overwrite());
    } catch (UsageException | InvalidConfigException | PreparationException e) {
      err.println("train-job: " + e.getMessage());
      return EXIT_BAD_INPUT;
    }
    SparkSession session = spark != null ? spark : SparkSession.builder()
        .appName("train-job")
        .master(System.getProperty("spark.master", "local[*]"))
        .getOrCreate();
    if (spark == null) {
      session.sparkContext().setLogLevel("WARN"); // one result line, not Spark's INFO stream
    }
    try {
      TrainingSetPreparation.Result result =
          TrainingSetPreparation.prepare(session, options.annotated(), options.output(), config, options.overwrite());
      DropoutFigures all = result.overall();
      out.printf("train-job: prepared %d rows into %s: dataset-level dropout %.4f, sample-level mean share removed %.4f (report.json)%n",
          all.rows(), options.output(), all.datasetDropoutShare(), all.sampleRemovedShareMean());
      return EXIT_OK;
    } catch (PreparationException e) {
      err.println("train-job: " + e.getMessage());
      return EXIT_BAD_INPUT;
    } finally {
      if (spark == null) {
        session.stop();
      }
    }
  }

  static TrainConfig loadConfig(TrainOptions options, Taxonomy taxonomy) {
    return options.config().isPresent()
        ? TrainConfig.load(options.config().get(), taxonomy)
        : TrainConfig.parse("conf/train.json (packaged)", SchemaCheckedJson.resourceBytes(TrainConfig.DEFAULT_RESOURCE), taxonomy);
  }
}
