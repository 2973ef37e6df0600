package org.treasuremarkers.model.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
import org.treasuremarkers.model.data.StratifiedHoldOut;
import org.treasuremarkers.model.eval.EvalExample;
import org.treasuremarkers.model.eval.EvalSet;
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
    HeldOutSplit split = heldOut(prepared,
        new HeldOutSplit(config.training().heldoutPercent(), config.training().seed()));
    TrainingRun run = TrainingRun.open(request.options(), () -> TokenizerCorpus.sample(prepared, split,
        config.training().seed(), config.model().tokenizer().sampleRows()));
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    int workers = request.workers() > 0 ? request.workers() : sc.defaultParallelism();
    TrainingRun.Summary summary;
    try (SparkRounds rounds = new SparkRounds(sc, SparkExamples.training(prepared, run.encoder(), split),
        run.encoder().seqLen(), request.options().config().training(), workers, run.directory().scratch(),
        SparkRounds.approachFor(sc))) {
      summary = run.train(rounds);
    }
    ObjectNode eval = evaluate(run, prepared, split, request);
    return new Result(summary, eval);
  }

  /**
   * The hash split plus {@link StratifiedHoldOut}'s picks for rare lang/task/domain values (when the rows carry
   * markers; the ids and markers of every row are collected to the driver for that, ~100 bytes a row).
   */
  static HeldOutSplit heldOut(Dataset<Row> prepared, HeldOutSplit hashSplit) {
    if (hashSplit.percent() <= 0 || !Arrays.asList(prepared.schema().fieldNames()).contains("markers")) {
      return hashSplit;
    }
    List<StratifiedHoldOut.Row> rows = new ArrayList<>();
    for (Row r : prepared.select(SparkExamples.ID, "markers").collectAsList()) {
      rows.add(new StratifiedHoldOut.Row(r.getString(0), r.isNullAt(1) ? Map.of() : r.getJavaMap(1)));
    }
    Set<String> extra = StratifiedHoldOut.extraIds(rows, hashSplit, StratifiedHoldOut.CATEGORIES,
        StratifiedHoldOut.PER_VALUE);
    LOG.info("held out {}% by hash plus {} examples of rare lang/task/domain values", hashSplit.percent(),
        extra.size());
    return hashSplit.withAlsoHeldOut(extra);
  }

  /** Training rows (not held out) per lang/task/domain value. */
  static Map<String, Map<String, Long>> trainingCounts(Dataset<Row> prepared, HeldOutSplit split) {
    Map<String, Map<String, Long>> counts = new TreeMap<>();
    for (Row r : prepared.select(SparkExamples.ID, "markers").collectAsList()) {
      if (split.isHeldOut(r.getString(0)) || r.isNullAt(1)) {
        continue;
      }
      Map<String, String> markers = r.getJavaMap(1);
      for (String category : StratifiedHoldOut.CATEGORIES) {
        String value = markers.get(category);
        if (value != null) {
          counts.computeIfAbsent(category, c -> new TreeMap<>()).merge(value, 1L, Long::sum);
        }
      }
    }
    return counts;
  }

  static ObjectNode evaluate(TrainingRun run, Dataset<Row> prepared, HeldOutSplit split, Request request) {
    List<String> columns = Arrays.asList(prepared.schema().fieldNames());
    if (!columns.containsAll(List.of("prompt", "completion", "markers", "prompt_markers"))) {
      LOG.warn("no eval.json: the input lacks prompt/completion/markers/prompt_markers columns"
          + " (train-job --prepare-only output has them)");
      return null;
    }
    // Every held-out row (a few percent of the data) to the driver, then the stratified order and the cap.
    List<Row> rows = SparkExamples.heldOut(prepared, split)
        .select("id", "prompt", "completion", "markers", "prompt_markers", SparkExamples.INPUT, SparkExamples.TARGET)
        .collectAsList();
    List<EvalExample> heldOut = new ArrayList<>();
    for (Row r : rows) {
      Map<String, String> markers = r.isNullAt(3) ? Map.of() : r.getJavaMap(3);
      Map<String, String> promptMarkers = r.isNullAt(4) ? Map.of() : r.getJavaMap(4);
      heldOut.add(new EvalExample(r.getString(0), r.getString(1), r.getString(2), new TreeMap<>(markers),
          new TreeMap<>(promptMarkers), r.getString(5), r.getString(6)));
    }
    List<EvalExample> examples = EvalSet.order(heldOut, split, StratifiedHoldOut.CATEGORIES,
        StratifiedHoldOut.PER_VALUE).stream().limit(request.evalLossExamples()).toList();
    Map<String, Map<String, Long>> trainingCounts = trainingCounts(prepared, split);
    Template template = new Template(request.options().taxonomy());
    Generator generator = new Generator(run.network(), run.encoder(), template);
    Evaluator evaluator = new Evaluator(run.network(), run.encoder(), generator, request.options().taxonomy());
    ObjectNode eval = evaluator.evaluate(examples, request.evalGenerationExamples(),
        SamplingOptions.greedy(request.maxNewTokens()), trainingCounts);
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
