package org.treasuremarkers.jobs.train;

import java.io.PrintStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.treasuremarkers.core.json.InvalidConfigException;
import org.treasuremarkers.core.json.SchemaCheckedJson;
import org.treasuremarkers.core.taxonomy.Taxonomy;
import org.treasuremarkers.core.taxonomy.TaxonomyLoader;
import org.treasuremarkers.model.train.SparkRounds;
import org.treasuremarkers.model.train.SparkTraining;
import org.treasuremarkers.model.train.TrainingRun;
import org.treasuremarkers.spark.prepare.DropoutFigures;
import org.treasuremarkers.spark.prepare.PreparationException;
import org.treasuremarkers.spark.prepare.TrainConfig;
import org.treasuremarkers.spark.prepare.TrainingSetPreparation;

/**
 * {@code train-job (--annotated DIR | --prepared DIR) --output MODEL_DIR [--config FILE] [--init-model DIR]
 * [--max-minutes N]} trains through {@link ModelTraining}; {@code --prepare-only} writes the prepared training set
 * through {@link TrainingSetPreparation}. Expected problems (usage, configuration, folders) end with one line on
 * stderr and exit code 2.
 */
public final class TrainJob {
  public static final int EXIT_OK = 0;
  public static final int EXIT_BAD_INPUT = 2;

  private TrainJob() {}

  public static void main(String[] args) {
    System.exit(run(args, null, System.out, System.err));
  }

  /**
   * Runs the job; {@code spark} may be null (a session is created, local[*] unless spark-submit set a master). A
   * given session must be built with {@link SparkRounds#configure} to train.
   */
  public static int run(String[] args, SparkSession spark, PrintStream out, PrintStream err) {
    TrainConfig config;
    TrainOptions options;
    ModelTraining.Request request = null;
    try {
      options = TrainOptions.parse(args);
      Taxonomy taxonomy = TaxonomyLoader.loadDefault();
      config = loadConfig(options, taxonomy);
      // Before Spark starts: a missing input or a protected output costs no start-up time.
      if (options.prepareOnly()) {
        TrainingSetPreparation.checkPaths(new Configuration(), options.annotated(), options.output(), options.overwrite());
      } else {
        request = new ModelTraining.Request(options.annotated(), options.prepared(),
            java.nio.file.Path.of(options.output()), config, loadModelConfig(options), taxonomy, options.initModel(),
            options.maxTime());
        ModelTraining.check(new Configuration(), request);
      }
    } catch (UsageException | InvalidConfigException | PreparationException | TrainingInputException e) {
      err.println("train-job: " + e.getMessage());
      return EXIT_BAD_INPUT;
    }
    SparkSession session = spark != null ? spark : SparkSession.builder()
        .appName("train-job")
        .config(SparkRounds.configure(new SparkConf().setIfMissing("spark.master", "local[*]")))
        .getOrCreate();
    if (spark == null) {
      session.sparkContext().setLogLevel("WARN"); // result lines, not Spark's INFO stream
    }
    try {
      return options.prepareOnly() ? prepare(session, options, config, out) : train(session, request, out);
    } catch (PreparationException e) {
      err.println("train-job: " + e.getMessage());
      return EXIT_BAD_INPUT;
    } catch (IllegalArgumentException e) {
      // TrainingRun's refusals: another configuration in MODEL_DIR, an --init-model of another size.
      err.println("train-job: " + e.getMessage());
      return EXIT_BAD_INPUT;
    } finally {
      if (spark == null) {
        session.stop();
      }
    }
  }

  private static int prepare(SparkSession session, TrainOptions options, TrainConfig config, PrintStream out) {
    TrainingSetPreparation.Result result =
        TrainingSetPreparation.prepare(session, options.annotated(), options.output(), config, options.overwrite());
    DropoutFigures all = result.overall();
    out.printf("train-job: prepared %d rows into %s: dataset-level dropout %.4f, sample-level mean share removed %.4f (report.json)%n",
        all.rows(), options.output(), all.datasetDropoutShare(), all.sampleRemovedShareMean());
    return EXIT_OK;
  }

  private static int train(SparkSession session, ModelTraining.Request request, PrintStream out) {
    SparkTraining.Result result = ModelTraining.train(session, request);
    TrainingRun.Summary s = result.summary();
    out.printf("train-job: %s %s after %d rounds (%d examples fitted), last train loss/token %.4f%s; model in %s%n",
        s.resumed() ? "resumed and" : "trained,", s.finished() ? "finished" : "stopped at the time limit", s.rounds(),
        s.examples(), s.lastLossPerToken(),
        result.eval() == null ? "" : String.format(", held-out loss/token %.4f",
            result.eval().at("/heldout_loss/loss_per_token").asDouble()),
        s.output());
    return EXIT_OK;
  }

  static TrainConfig loadConfig(TrainOptions options, Taxonomy taxonomy) {
    return options.config().isPresent()
        ? TrainConfig.load(options.config().get(), taxonomy)
        : TrainConfig.parse("conf/train.json (packaged)", SchemaCheckedJson.resourceBytes(TrainConfig.DEFAULT_RESOURCE), taxonomy);
  }

  static org.treasuremarkers.model.config.TrainConfig loadModelConfig(TrainOptions options) {
    return options.config().isPresent()
        ? org.treasuremarkers.model.config.TrainConfig.load(options.config().get())
        : org.treasuremarkers.model.config.TrainConfig.loadDefault();
  }
}
