package org.treasuremarkers.jobs.nightly;

import static org.apache.spark.sql.functions.col;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FilterFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.treasuremarkers.core.taxonomy.Taxonomy;
import org.treasuremarkers.core.taxonomy.TaxonomyLoader;
import org.treasuremarkers.core.template.Template;
import org.treasuremarkers.model.config.TrainConfig;
import org.treasuremarkers.model.data.HeldOutSplit;
import org.treasuremarkers.model.data.SequenceEncoder;
import org.treasuremarkers.model.data.StableHash;
import org.treasuremarkers.model.data.TokenizedExample;
import org.treasuremarkers.model.eval.EvalExample;
import org.treasuremarkers.model.eval.Evaluator;
import org.treasuremarkers.model.generate.Generator;
import org.treasuremarkers.model.generate.SamplingOptions;
import org.treasuremarkers.model.train.LocalRounds;
import org.treasuremarkers.model.train.ModelDirectory;
import org.treasuremarkers.model.train.RoundSource;
import org.treasuremarkers.model.train.SparkExamples;
import org.treasuremarkers.model.train.SparkRounds;
import org.treasuremarkers.model.train.TrainingRun;
import org.treasuremarkers.spark.prepare.TrainingSetPreparation;
import org.treasuremarkers.spark.run.AnnotateOptions;
import org.treasuremarkers.spark.run.AnnotateResult;
import org.treasuremarkers.spark.run.AnnotateRun;
import org.treasuremarkers.spark.source.SourceFormat;
import org.treasuremarkers.spark.source.SourcesConfig;

/**
 * One nightly run, the library call behind nightly-job. Under the state folder's lock:
 * <ol>
 *   <li>annotate every day folder not yet in the ledger, one annotate output per day, with the quality-bucket
 *       splits fitted on the very first day (so buckets stay comparable between nights);</li>
 *   <li>prepare (dropout, formatting) every annotated day not yet prepared;</li>
 *   <li>on the first night, fix the held-out set: the rows whose id the train configuration's held-out hash picks;
 *       those ids are never trained on, on any night;</li>
 *   <li>fine-tune the current model (or the configured initial model, or a new one on the very first night) on the
 *       undecided days plus a replay share of the decided ones, into the next version folder;</li>
 *   <li>compare held-out loss per token of candidate and current model; promote (atomic switch of
 *       {@code models/CURRENT}) only when the candidate is at most {@code promotion_margin} worse;</li>
 *   <li>delete versions beyond {@code keep_versions}, and append a line to {@code runs.jsonl}.</li>
 * </ol>
 * Every step is idempotent and the ledger is saved after each, so a run killed anywhere leaves the previous model
 * current, and the next run redoes only what was cut short (training resumes from the candidate's checkpoint).
 */
public final class NightlyRun {
  private static final Logger LOG = LoggerFactory.getLogger(NightlyRun.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Separates the replay choice from the other hash-based decisions made from the same ids. */
  private static final long REPLAY_SALT = 0x7265_706c_6179_2121L;

  /** How a run ended; the job's exit code follows from it. */
  public enum Outcome { PROMOTED, REJECTED, NOTHING_NEW, REFUSED_LOCKED }

  /** The run's outcome and the line it appended to runs.jsonl. */
  public record Result(Outcome outcome, ObjectNode logLine) {}

  private final SparkSession spark;
  private final NightlyConfig config;
  private final NightlyHooks hooks;
  private final Path state;
  private final Taxonomy taxonomy = TaxonomyLoader.loadDefault();
  private final ObjectNode line = JSON.createObjectNode();

  private NightlyRun(SparkSession spark, NightlyConfig config, NightlyHooks hooks) {
    this.spark = spark;
    this.config = config;
    this.hooks = hooks;
    this.state = config.stateDir();
  }

  public static Result run(SparkSession spark, NightlyConfig config, NightlyHooks hooks) {
    return new NightlyRun(spark, config, hooks).run();
  }

  private Result run() {
    long start = System.nanoTime();
    line.put("started", Instant.now().toString());
    line.put("pid", ProcessHandle.current().pid());
    line.put("config", config.source().toString());
    NightlyLock lock;
    try {
      lock = NightlyLock.acquire(state);
    } catch (NightlyLock.HeldException e) {
      line.put("outcome", Outcome.REFUSED_LOCKED.name().toLowerCase());
      line.put("reason", e.getMessage());
      RunLog.append(state, line);
      throw e;
    }
    try (lock) {
      lock.staleHolder().ifPresent(h -> {
        LOG.warn("nightly: the previous run ({}) died holding the lock; taking over", h);
        line.put("stale_lock_of", h);
      });
      hooks.reached(NightlyHooks.LOCKED);
      Outcome outcome = steps();
      line.put("outcome", outcome.name().toLowerCase());
      line.put("seconds", Math.round((System.nanoTime() - start) / 1e8) / 10.0);
      line.put("finished", Instant.now().toString());
      RunLog.append(state, line);
      return new Result(outcome, line);
    } catch (RuntimeException e) {
      line.put("outcome", "failed");
      line.put("reason", String.valueOf(e.getMessage()));
      line.put("seconds", Math.round((System.nanoTime() - start) / 1e8) / 10.0);
      RunLog.append(state, line);
      throw e;
    }
  }

  private Outcome steps() {
    TrainConfig modelConfig = config.trainConfig() == null ? TrainConfig.loadDefault()
        : TrainConfig.load(config.trainConfig());
    org.treasuremarkers.spark.prepare.TrainConfig prepConfig = config.trainConfig() == null
        ? org.treasuremarkers.spark.prepare.TrainConfig.parse("conf/train.json (packaged)",
            org.treasuremarkers.core.json.SchemaCheckedJson.resourceBytes(
                org.treasuremarkers.spark.prepare.TrainConfig.DEFAULT_RESOURCE), taxonomy)
        : org.treasuremarkers.spark.prepare.TrainConfig.load(config.trainConfig(), taxonomy);
    Ledger ledger = Ledger.load(state);
    ModelVersions versions = new ModelVersions(state);

    long t = System.nanoTime();
    annotateNewDays(ledger);
    t = timed("annotate", t);
    hooks.reached(NightlyHooks.ANNOTATED);
    prepareAnnotatedDays(ledger, prepConfig);
    HeldOutSplit split = new HeldOutSplit(modelConfig.training().heldoutPercent(), modelConfig.training().seed());
    fixHeldOutSet(ledger, split);
    t = timed("prepare", t);

    SortedSet<String> days = ledger.undecided();
    Optional<String> current = versions.current();
    line.put("current_before", current.orElse(null));
    if (days.isEmpty()) {
      line.put("reason", "no new day to train on");
      return Outcome.NOTHING_NEW;
    }
    // A candidate already promoted by a run killed before it could update the ledger: only the bookkeeping is left.
    if (ledger.candidate != null && ledger.candidateDays.equals(days) && current.equals(Optional.of(ledger.candidate))) {
      line.put("reason", ledger.candidate + " was promoted by the previous run, which stopped before recording it");
      finishDecision(ledger, versions, days, true);
      return Outcome.PROMOTED;
    }
    if (ledger.candidate == null || !ledger.candidateDays.equals(days)) {
      if (ledger.candidate != null) {
        ModelVersions.delete(versions.folder(ledger.candidate)); // trained for another set of days: start over
      }
      ledger.candidate = ModelVersions.name(ledger.nextVersion++);
      ledger.candidateDays.clear();
      ledger.candidateDays.addAll(days);
      ledger.save(state);
    }
    String candidate = ledger.candidate;
    Path base = current.map(versions::folder).orElse(config.initialModel());
    ObjectNode train = line.putObject("training");
    train.put("candidate", candidate);
    train.put("base", base == null ? null : base.toString());
    train.put("trainer", config.trainer());
    train.set("days", array(days));

    TrainingRun.Summary summary = train(modelConfig, split, versions.folder(candidate), base, days, ledger.decided,
        train);
    train.put("rounds", summary.rounds());
    train.put("examples_fitted", summary.examples());
    train.put("resumed", summary.resumed());
    train.put("finished", summary.finished());
    train.put("last_train_loss_per_token", summary.lastLossPerToken());
    t = timed("train", t);
    hooks.reached(NightlyHooks.TRAINED);

    List<EvalExample> heldOut = heldOutExamples(ledger);
    ObjectNode eval = line.putObject("evaluation");
    eval.put("heldout_examples", heldOut.size());
    double candidateLoss = heldOutLoss(new ModelDirectory(versions.folder(candidate)), heldOut);
    eval.put("candidate_loss_per_token", candidateLoss);
    AtomicFile.write(versions.folder(candidate).resolve(ModelDirectory.EVAL),
        eval.deepCopy().put("note", "nightly evaluation: held-out loss per token on " + ledger.heldOut).toPrettyString());
    boolean promote;
    String reason;
    if (base == null) {
      promote = true;
      reason = "first model: no current model to compare with";
    } else {
      double currentLoss = heldOutLoss(new ModelDirectory(base), heldOut);
      eval.put("current_loss_per_token", currentLoss);
      eval.put("margin", config.promotionMargin());
      promote = Double.isFinite(candidateLoss) && candidateLoss <= currentLoss + config.promotionMargin();
      reason = String.format("candidate held-out loss/token %.4f %s current %.4f + margin %.4f", candidateLoss,
          promote ? "<=" : (Double.isFinite(candidateLoss) ? ">" : "is not finite; not comparable with"), currentLoss,
          config.promotionMargin());
    }
    line.put("reason", reason);
    timed("evaluate", t);
    hooks.reached(NightlyHooks.BEFORE_PROMOTION);
    if (promote) {
      versions.promote(candidate);
      LOG.info("nightly: promoted {} ({})", candidate, reason);
    } else {
      LOG.warn("nightly: rejected {} ({}); {} stays current", candidate, reason, current.orElse("no model"));
    }
    finishDecision(ledger, versions, days, promote);
    return promote ? Outcome.PROMOTED : Outcome.REJECTED;
  }

  /** Adds the seconds since {@code start} to the log line's step timings; returns now. */
  private long timed(String step, long start) {
    long now = System.nanoTime();
    line.with("step_seconds").put(step, Math.round((now - start) / 1e8) / 10.0);
    return now;
  }

  /** Records the decision for {@code days}, then deletes a rejected candidate and versions beyond the kept count. */
  private void finishDecision(Ledger ledger, ModelVersions versions, SortedSet<String> days, boolean promoted) {
    String candidate = ledger.candidate;
    ledger.decided.addAll(days);
    if (promoted) {
      ledger.promoted.add(candidate);
    }
    ledger.candidate = null;
    ledger.candidateDays.clear();
    ledger.save(state);
    line.put("promoted", promoted);
    line.put("current_after", versions.current().orElse(null));
    // A rejected candidate is not in the promoted list, so pruning deletes it with the versions beyond the count.
    line.set("deleted_versions", array(versions.prune(ledger.promoted, config.keepVersions(), null)));
  }

  private void annotateNewDays(Ledger ledger) {
    SortedMap<String, Path> days = DatePartitions.list(config.inputDir());
    ArrayNode annotated = line.putArray("annotated");
    for (Map.Entry<String, Path> day : days.entrySet()) {
      if (ledger.annotated.contains(day.getKey())) {
        continue;
      }
      SourcesConfig sources = SourcesConfig.rawInput(List.of(day.getValue().resolve("*.jsonl").toString()),
          SourceFormat.JSONL, config.defaultDataset(), SourcesConfig.DEFAULT_MAX_RECORD_BYTES);
      // Overwrite: an output without a ledger entry is what a killed run left behind.
      AnnotateOptions options = AnnotateOptions.of(sources, annotatedDir(day.getKey()).toString())
          .withOverwrite(true).withClassify(config.classify()).withQualitySplits(ledger.qualitySplits);
      AnnotateResult result = AnnotateRun.run(spark, options);
      if (ledger.qualitySplits == null) {
        ledger.qualitySplits = annotatedDir(day.getKey()).resolve("models/quality-buckets").toString();
      }
      ledger.annotated.add(day.getKey());
      ledger.save(state);
      ObjectNode d = annotated.addObject();
      d.put("day", day.getKey());
      d.put("read", result.total().read());
      d.put("annotated", result.total().annotated());
      d.put("rejected", result.total().rejected());
      d.put("quality_splits", ledger.qualitySplits);
    }
  }

  private void prepareAnnotatedDays(Ledger ledger, org.treasuremarkers.spark.prepare.TrainConfig prepConfig) {
    for (String day : ledger.annotated) {
      if (!Files.exists(preparedDir(day).resolve(TrainingSetPreparation.REPORT))) {
        // report.json is written last: without it the folder is a killed run's leftover, replaced here.
        TrainingSetPreparation.prepare(spark, annotatedDir(day).toString(), preparedDir(day).toString(), prepConfig,
            true);
      }
    }
  }

  private void fixHeldOutSet(Ledger ledger, HeldOutSplit split) {
    if (ledger.heldOut != null) {
      return;
    }
    Path dir = state.resolve("heldout");
    Dataset<Row> rows = prepared(ledger.annotated).filter((FilterFunction<Row>) r -> split.isHeldOut(r.getString(0)));
    rows.select("id", "prompt", "completion", "markers", "input_text", "target_text").coalesce(1).write()
        .mode(SaveMode.Overwrite).parquet(dir.toString());
    long count = spark.read().parquet(dir.toString()).count();
    if (count == 0) {
      throw new IllegalStateException("the held-out set of days " + ledger.annotated + " is empty; raise"
          + " training.heldout_percent in the train configuration");
    }
    ledger.heldOut = dir.toString();
    ledger.heldOutRows = count;
    ledger.save(state);
    line.put("heldout_fixed", count);
  }

  /** Prepared rows (id first) of the given days. */
  private Dataset<Row> prepared(Iterable<String> days) {
    List<String> paths = new ArrayList<>();
    days.forEach(d -> paths.add(preparedDir(d).resolve(TrainingSetPreparation.EXAMPLES).toString()));
    return spark.read().parquet(paths.toArray(String[]::new))
        .select("id", "prompt", "completion", "markers", "input_text", "target_text");
  }

  private TrainingRun.Summary train(TrainConfig modelConfig, HeldOutSplit split, Path output, Path base,
      SortedSet<String> days, SortedSet<String> decided, ObjectNode report) {
    double share = config.replayShare();
    long salt = config.replaySeed() ^ REPLAY_SALT;
    Dataset<Row> fresh = prepared(days);
    Dataset<Row> rows = fresh;
    if (!decided.isEmpty() && share > 0) {
      Dataset<Row> replay = prepared(decided)
          .filter((FilterFunction<Row>) r -> StableHash.unit(salt, r.getString(0)) < share);
      rows = fresh.unionByName(replay);
      report.put("replay_rows", replay.filter((FilterFunction<Row>) r -> !split.isHeldOut(r.getString(0))).count());
    } else {
      report.put("replay_rows", 0);
    }
    rows = rows.select(col(SparkExamples.ID), col(SparkExamples.INPUT), col(SparkExamples.TARGET));
    TrainingRun run = TrainingRun.open(new TrainingRun.Options(output, modelConfig, taxonomy, base,
        config.maxTrainTime()));
    SequenceEncoder encoder = run.encoder();
    var training = modelConfig.training();
    RoundSource source;
    if ("spark".equals(config.trainer())) {
      JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
      source = new SparkRounds(sc, SparkExamples.training(rows, encoder, split), encoder.seqLen(), training,
          sc.defaultParallelism(), run.directory().scratch(), SparkRounds.approachFor(sc));
    } else {
      List<TokenizedExample> examples = new ArrayList<>();
      for (Row r : rows.collectAsList()) {
        if (!split.isHeldOut(r.getString(0))) {
          examples.add(encoder.encode(r.getString(0), r.getString(1), r.getString(2)));
        }
      }
      source = new LocalRounds(examples, encoder.seqLen(), training.batchSizePerWorker(),
          training.averagingFrequency(), training.seed());
    }
    report.put("training_examples", source.trainingExamples());
    try (source) {
      return run.train(source);
    }
  }

  private List<EvalExample> heldOutExamples(Ledger ledger) {
    List<EvalExample> out = new ArrayList<>();
    for (Row r : spark.read().parquet(ledger.heldOut).orderBy("id").collectAsList()) {
      Map<String, String> markers = r.getJavaMap(r.fieldIndex("markers"));
      // The nightly comparison is held-out loss only: no generation, so no prompt markers are needed.
      out.add(new EvalExample(r.getAs("id"), r.getAs("prompt"), r.getAs("completion"), new TreeMap<>(markers),
          new TreeMap<>(), r.getAs("input_text"), r.getAs("target_text")));
    }
    return out;
  }

  /** Held-out loss per token of a model folder, with its own tokenizer (bytes or BPE) and sequence length. */
  private double heldOutLoss(ModelDirectory model, List<EvalExample> heldOut) {
    ComputationGraph net = model.loadModel();
    SequenceEncoder encoder = SequenceEncoder.of(model.tokenizer(), model.config());
    Evaluator evaluator = new Evaluator(net, encoder, new Generator(net, encoder, new Template(taxonomy)), taxonomy);
    // Loss only: no generation examples (generation costs one forward pass per token and is not compared here).
    ObjectNode eval = evaluator.evaluate(heldOut, 0, SamplingOptions.greedy(1));
    return eval.get("heldout_loss").get("loss_per_token").asDouble();
  }

  private Path annotatedDir(String day) {
    return state.resolve("annotated").resolve(DatePartitions.PREFIX + day);
  }

  private Path preparedDir(String day) {
    return state.resolve("prepared").resolve(DatePartitions.PREFIX + day);
  }

  private static ArrayNode array(Iterable<String> values) {
    ArrayNode a = JSON.createArrayNode();
    values.forEach(a::add);
    return a;
  }
}
