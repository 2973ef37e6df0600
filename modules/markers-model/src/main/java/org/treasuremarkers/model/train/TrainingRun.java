package org.treasuremarkers.model.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.treasuremarkers.core.taxonomy.Taxonomy;
import org.treasuremarkers.model.config.TrainConfig;
import org.treasuremarkers.model.data.HeldOutSplit;
import org.treasuremarkers.model.data.SequenceEncoder;
import org.treasuremarkers.model.nn.TransformerFactory;
import org.treasuremarkers.model.nn.WarmupCosineSchedule;
import org.treasuremarkers.model.config.TokenizerConfig;
import org.treasuremarkers.model.tokenizer.BpeTrainer;
import org.treasuremarkers.model.tokenizer.ByteTokenizer;
import org.treasuremarkers.model.tokenizer.Tokenizer;
import org.treasuremarkers.model.tokenizer.Vocabulary;

/**
 * One training run into a model directory. {@link #open} decides where training starts: from the newest checkpoint
 * of the same output (a restarted job resumes), from {@code initModel} (fine-tuning: its weights and tokenizer,
 * a fresh optimizer and schedule), or from scratch (a BPE tokenizer is then trained on the text it is given). {@link #train} then fits averaging rounds from a
 * {@link RoundSource} (single JVM or Spark), appends {@code metrics.jsonl}, checkpoints every N rounds and saves
 * the final model.
 */
public final class TrainingRun {
  private static final Logger LOG = LoggerFactory.getLogger(TrainingRun.class);

  /**
   * @param output the model directory (created; reused to resume)
   * @param initModel a model directory to fine-tune, or null
   * @param maxTime stop after the round that crosses this much training time (checkpointed), or null
   */
  public record Options(Path output, TrainConfig config, Taxonomy taxonomy, Path initModel, Duration maxTime) {}

  /** What {@link #train} did; {@code finished} is false when maxTime stopped it early. */
  public record Summary(long rounds, long examples, double lastLossPerToken, boolean resumed, boolean finished,
      Path output) {}

  private final Options options;
  private final ModelDirectory dir;
  private final Tokenizer tokenizer;
  private final ComputationGraph net;
  private final boolean resumed;
  private RunState state;

  private TrainingRun(Options options, ModelDirectory dir, Tokenizer tokenizer, ComputationGraph net,
      RunState state, boolean resumed) {
    this.options = options;
    this.dir = dir;
    this.tokenizer = tokenizer;
    this.net = net;
    this.state = state;
    this.resumed = resumed;
  }

  /** A run whose configuration needs no training text (the byte tokenizer, or a resumed or fine-tuned model). */
  public static TrainingRun open(Options options) {
    return open(options, null);
  }

  /**
   * @param tokenizerText the text a new BPE tokenizer is trained on (a sample of the training rows, see
   *     {@link TokenizerCorpus}); asked for only when a new model with {@code model.tokenizer.type} "bpe" starts
   */
  public static TrainingRun open(Options options, Supplier<Iterable<String>> tokenizerText) {
    ModelDirectory dir = new ModelDirectory(options.output());
    TrainConfig config = options.config();
    Optional<ModelDirectory.Checkpoint> checkpoint = dir.latestCheckpoint();
    if (checkpoint.isPresent()) {
      requireSameConfig(dir, config);
      RunState state = checkpoint.get().state();
      new MetricsLog(dir.metrics()).truncateAfter(state.rounds());
      LOG.info("resuming {} from checkpoint after round {} (epoch {}, {} examples fitted)", dir.root(),
          state.rounds(), state.epoch(), state.examples());
      Tokenizer tokenizer = dir.tokenizer();
      return new TrainingRun(options, dir, tokenizer, restore(checkpoint.get().load(), config, tokenizer), state,
          true);
    }
    Tokenizer tokenizer;
    ComputationGraph net;
    if (options.initModel() != null) {
      ModelDirectory init = new ModelDirectory(options.initModel());
      tokenizer = init.tokenizer();
      ComputationGraph pretrained = init.loadModel();
      net = TransformerFactory.build(config.model(), config.training(), tokenizer.size());
      if (net.numParams() != pretrained.numParams()) {
        throw new IllegalArgumentException("--init-model " + init.root() + " has " + pretrained.numParams()
            + " parameters but conf model section makes " + net.numParams() + "; fine-tuning needs the same"
            + " model section as " + init.configFile());
      }
      net.setParams(pretrained.params());
      LOG.info("fine-tuning {} ({} parameters) into {}", init.root(), net.numParams(), dir.root());
    } else {
      tokenizer = newTokenizer(config.model().tokenizer(), config, options.taxonomy(), tokenizerText);
      net = TransformerFactory.build(config.model(), config.training(), tokenizer.size());
      LOG.info("new model: {} parameters, {}", net.numParams(), tokenizer);
    }
    try {
      Files.createDirectories(dir.root());
      Files.deleteIfExists(dir.metrics());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare output " + dir.root(), e);
    }
    dir.saveTokenizer(tokenizer);
    config.save(dir.configFile());
    return new TrainingRun(options, dir, tokenizer, net, RunState.start(), false);
  }

  private static Tokenizer newTokenizer(TokenizerConfig settings, TrainConfig config,
      org.treasuremarkers.core.taxonomy.Taxonomy taxonomy, Supplier<Iterable<String>> text) {
    if (!settings.isBpe()) {
      return new ByteTokenizer(config.model().templateTagTokens() ? Vocabulary.withTemplateTags(taxonomy)
          : Vocabulary.bytesOnly());
    }
    if (text == null) {
      throw new IllegalArgumentException("model.tokenizer.type \"bpe\" trains its vocabulary on the training text,"
          + " and this caller gave none; train with SparkTraining, or pass TokenizerCorpus text to TrainingRun.open");
    }
    long start = System.nanoTime();
    var bpe = new BpeTrainer(taxonomy, settings.vocabSize()).train(text.get());
    LOG.info("trained {} on the sample in {} s", bpe, String.format("%.1f", (System.nanoTime() - start) / 1e9));
    return bpe;
  }

  /**
   * A network built from the configuration carrying the checkpoint's parameters, Adam state and counters.
   * Training the graph ModelSerializer restores directly turned every parameter into NaN after one step
   * (measured here with DL4J M2.1 and these SameDiff layers, the first post-restore loss still being right), so
   * the state is copied into a freshly initialised network instead.
   */
  private static ComputationGraph restore(ComputationGraph saved, TrainConfig config, Tokenizer tokenizer) {
    ComputationGraph net = TransformerFactory.build(config.model(), config.training(), tokenizer.size());
    net.setParams(saved.params());
    if (saved.getUpdater() != null && saved.getUpdater().getStateViewArray() != null) {
      net.getUpdater().getStateViewArray().assign(saved.getUpdater().getStateViewArray());
    }
    net.getConfiguration().setIterationCount(saved.getConfiguration().getIterationCount());
    net.getConfiguration().setEpochCount(saved.getConfiguration().getEpochCount());
    return net;
  }

  private static void requireSameConfig(ModelDirectory dir, TrainConfig config) {
    if (!Files.isRegularFile(dir.configFile())) {
      return;
    }
    try {
      ObjectMapper mapper = new ObjectMapper();
      JsonNode saved = mapper.readTree(dir.configFile().toFile());
      JsonNode given = mapper.readTree(config.json());
      for (String section : new String[] {"model", "training"}) {
        if (!saved.path(section).equals(given.path(section))) {
          throw new IllegalArgumentException(dir.root() + " holds a run with a different '" + section
              + "' configuration (" + dir.configFile() + "); resume with that configuration or train into a new"
              + " output directory");
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + dir.configFile(), e);
    }
  }

  public Tokenizer tokenizer() {
    return tokenizer;
  }

  public SequenceEncoder encoder() {
    return SequenceEncoder.of(tokenizer, options.config());
  }

  public HeldOutSplit heldOut() {
    return new HeldOutSplit(options.config().training().heldoutPercent(), options.config().training().seed());
  }

  public ComputationGraph network() {
    return net;
  }

  public ModelDirectory directory() {
    return dir;
  }

  public boolean resumed() {
    return resumed;
  }

  public Summary train(RoundSource source) {
    var training = options.config().training();
    WarmupCosineSchedule schedule = new WarmupCosineSchedule(training.learningRate(), training.warmupSteps(),
        training.decaySteps(), training.minLrRatio());
    MetricsLog metrics = new MetricsLog(dir.metrics());
    long deadline = options.maxTime() == null ? Long.MAX_VALUE : System.nanoTime() + options.maxTime().toNanos();
    // A resumed run with no rounds left fits nothing: it reports the loss of the last round logged.
    double lastLoss = metrics.lastLossPerToken();
    boolean stopped = false;
    LOG.info("training {} examples, {} rounds per epoch, {} epochs, from round {}", source.trainingExamples(),
        source.roundsPerEpoch(), training.epochs(), state.rounds());
    long startRounds = state.rounds();
    while (state.epoch() < training.epochs() && !stopped) {
      int rounds = source.roundsPerEpoch();
      while (state.roundInEpoch() < rounds) {
        // every run fits at least one round, so a limit shorter than a round stops after exactly one
        if (state.rounds() > startRounds && System.nanoTime() > deadline) {
          stopped = true;
          break;
        }
        long start = System.nanoTime();
        RoundResult result = source.fitRound(net, state.epoch(), state.roundInEpoch());
        double seconds = (System.nanoTime() - start) / 1e9;
        int next = state.roundInEpoch() + 1;
        state = new RunState(state.rounds() + 1, state.epoch(), next, state.examples() + result.examples(),
            state.seconds() + seconds);
        int step = net.getConfiguration().getIterationCount();
        lastLoss = result.lossPerToken();
        ObjectNode line = MetricsLog.line();
        line.put("round", state.rounds());
        line.put("epoch", state.epoch());
        line.put("step", step);
        line.put("examples", result.examples());
        line.put("tokens", result.tokens());
        line.put("loss_tokens", result.lossTokens());
        line.put("train_loss_per_token", result.lossPerToken());
        line.put("tokens_per_second", result.tokens() / seconds);
        line.put("seconds", seconds);
        line.put("learning_rate", schedule.valueAt(step, state.epoch()));
        metrics.append(line);
        LOG.info("round {} (epoch {}, step {}): loss/token {} , {} tokens/s", state.rounds(), state.epoch(), step,
            String.format("%.4f", result.lossPerToken()), String.format("%.0f", result.tokens() / seconds));
        if (state.rounds() % training.checkpointEveryRounds() == 0) {
          dir.saveCheckpoint(net, state);
        }
      }
      if (!stopped) {
        state = new RunState(state.rounds(), state.epoch() + 1, 0, state.examples(), state.seconds());
        net.getConfiguration().setEpochCount(state.epoch());
      }
    }
    // Always: the state may have moved to the next epoch since the last round's checkpoint.
    dir.saveCheckpoint(net, state);
    dir.saveModel(net);
    LOG.info("{} after {} rounds: {}", stopped ? "stopped (time limit)" : "finished", state.rounds(), dir.model());
    return new Summary(state.rounds(), state.examples(), lastLoss, resumed, !stopped, dir.root());
  }
}
