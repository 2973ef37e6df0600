package org.treasuremarkers.model.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.spark.api.RDDTrainingApproach;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.treasuremarkers.core.template.Template;
import org.treasuremarkers.model.data.HeldOutSplit;
import org.treasuremarkers.model.eval.EvalExample;
import org.treasuremarkers.model.eval.Evaluator;
import org.treasuremarkers.model.generate.Generator;
import org.treasuremarkers.model.generate.SamplingOptions;

/**
 * The whole of train-job after data preparation, as one library call: train on the prepared rows with Spark
 * parameter averaging into MODEL_DIR (resuming or fine-tuning as {@link TrainingRun} decides), then evaluate on
 * the held-out split and write {@code eval.json}. The session must be built with {@link SparkRounds#configure}.
 */
public final class SparkTraining {
  private static final Logger LOG = LoggerFactory.getLogger(SparkTraining.class);

  /**
   * @param workers parallel workers (0 = Spark's default parallelism)
   * @param evalLossExamples held-out examples for the loss (collected to the driver)
   * @param evalGenerationExamples held-out examples to generate for (inference and obedience)
   * @param maxNewTokens generation limit in evaluation
   */
  public record Request(TrainingRun.Options options, int workers, int evalLossExamples, int evalGenerationExamples,
      int maxNewTokens) {}

  public record Result(TrainingRun.Summary summary, ObjectNode eval) {}

  /**
   * How dl4j-spark feeds the workers where it can (local mode, or a shared file system); elsewhere
   * {@link SparkRounds#approachFor} falls back to Direct. bench/train-throughput compares the two.
   */
  public static final RDDTrainingApproach APPROACH = RDDTrainingApproach.Export;

  private SparkTraining() {}

  public static Result run(SparkSession spark, Dataset<Row> prepared, Request request) {
    var config = request.options().config();
    TrainingRun run = TrainingRun.open(request.options(), () -> TokenizerCorpus.sample(prepared,
        new HeldOutSplit(config.training().heldoutPercent(), config.training().seed()), config.training().seed(),
        config.model().tokenizer().sampleRows()));
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    int workers = request.workers() > 0 ? request.workers() : sc.defaultParallelism();
    TrainingRun.Summary summary;
    try (SparkRounds rounds = new SparkRounds(sc, SparkExamples.training(prepared, run.encoder(), run.heldOut()),
        run.encoder().seqLen(), request.options().config().training(), workers, run.directory().scratch(),
        SparkRounds.approachFor(sc))) {
      summary = run.train(rounds);
    }
    ObjectNode eval = evaluate(run, prepared, request);
    return new Result(summary, eval);
  }

  static ObjectNode evaluate(TrainingRun run, Dataset<Row> prepared, Request request) {
    List<String> columns = Arrays.asList(prepared.schema().fieldNames());
    if (!columns.containsAll(List.of("prompt", "completion", "markers", "prompt_markers"))) {
      LOG.warn("no eval.json: the input lacks prompt/completion/markers/prompt_markers columns"
          + " (train-job --prepare-only output has them)");
      return null;
    }
    List<Row> rows = SparkExamples.heldOut(prepared, run.heldOut())
        .select("id", "prompt", "completion", "markers", "prompt_markers", SparkExamples.INPUT, SparkExamples.TARGET)
        .orderBy("id").limit(request.evalLossExamples()).collectAsList();
    List<EvalExample> examples = new ArrayList<>();
    for (Row r : rows) {
      Map<String, String> markers = r.getJavaMap(3);
      Map<String, String> promptMarkers = r.isNullAt(4) ? Map.of() : r.getJavaMap(4);
      examples.add(new EvalExample(r.getString(0), r.getString(1), r.getString(2), new TreeMap<>(markers),
          new TreeMap<>(promptMarkers), r.getString(5), r.getString(6)));
    }
    Template template = new Template(request.options().taxonomy());
    Generator generator = new Generator(run.network(), run.encoder(), template);
    Evaluator evaluator = new Evaluator(run.network(), run.encoder(), generator, request.options().taxonomy());
    ObjectNode eval = evaluator.evaluate(examples, request.evalGenerationExamples(),
        SamplingOptions.greedy(request.maxNewTokens()));
    eval.put("heldout_percent", request.options().config().training().heldoutPercent());
    try {
      new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(run.directory().eval().toFile(), eval);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + run.directory().eval(), e);
    }
    LOG.info("eval on {} held-out examples: loss/token {}", examples.size(), eval.at("/heldout_loss/loss_per_token"));
    return eval;
  }
}
