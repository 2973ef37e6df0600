package org.treasuremarkers.model.bench;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.spark.api.RDDTrainingApproach;
import org.deeplearning4j.spark.api.stats.SparkTrainingStats;
import org.deeplearning4j.spark.stats.EventStats;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.treasuremarkers.core.taxonomy.TaxonomyLoader;
import org.treasuremarkers.model.config.ModelConfig;
import org.treasuremarkers.model.config.TrainConfig;
import org.treasuremarkers.model.config.TrainingConfig;
import org.treasuremarkers.model.data.TokenizedExample;
import org.treasuremarkers.model.nn.TransformerFactory;
import org.treasuremarkers.model.train.LocalRounds;
import org.treasuremarkers.model.train.RoundResult;
import org.treasuremarkers.model.train.SparkRounds;
import org.treasuremarkers.model.train.SparkTraining;
import org.treasuremarkers.model.tokenizer.Vocabulary;

/**
 * bench/train-throughput: training tokens/s and model FLOP rate as a share of ND4J's own sgemm rate, measured in
 * the same JVM, for the single-JVM loop and Spark local[2] parameter averaging, plus the share of a Spark round
 * that is not minibatch compute, split with dl4j-spark's own phase timings of one more round into averaging overhead
 * (outside the workers' minibatch loops) and the workers' minibatch time against the single-JVM one. Run with
 * bench/train-throughput/run.sh.
 *
 * <p>Model FLOPs per trained token = 6 x (parameters outside the embedding lookups) + 12 x layers x T x d_model
 * (attention scores and weighted sum, forward + backward, over the full T x T the layer computes).
 */
public final class TrainThroughputBenchmark {
  public static void main(String[] args) throws Exception {
    Path config = Path.of(args.length > 0 ? args[0] : "conf/train.json");
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 4;
    Path work = Path.of(args.length > 2 ? args[2] : "target/bench-train-throughput");
    TrainConfig conf = TrainConfig.load(config);
    ModelConfig model = conf.model();
    TrainingConfig training = conf.training();
    int vocab = Vocabulary.withTemplateTags(TaxonomyLoader.loadDefault()).size();
    PrintStream out = System.out;
    out.printf(Locale.ROOT, "config %s: d_model %d, layers %d, heads %d, T %d, batch/worker %d, averaging every %d%n",
        config, model.dModel(), model.layers(), model.heads(), model.seqLen(), training.batchSizePerWorker(),
        training.averagingFrequency());
    out.printf(Locale.ROOT, "OMP_NUM_THREADS=%s, cores=%d, load average=%.1f%n", System.getenv("OMP_NUM_THREADS"),
        Runtime.getRuntime().availableProcessors(),
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());

    double sgemm = sgemmGflops(2048, 5);
    out.printf(Locale.ROOT, "ND4J sgemm 2048^3: %.1f GFLOP/s%n", sgemm);

    ComputationGraph net = quiet(() -> TransformerFactory.build(model, training, vocab));
    long embedding = net.getLayer("embedding").numParams() + net.getLayer("positions").numParams();
    long dense = net.numParams() - embedding;
    double flopsPerToken = 6.0 * dense + 12.0 * model.layers() * model.seqLen() * model.dModel();
    out.printf(Locale.ROOT, "params %d (%d outside embeddings), %.2f MFLOP per trained token%n", net.numParams(), dense,
        flopsPerToken / 1e6);

    int perRound = training.batchSizePerWorker() * training.averagingFrequency();
    // rounds + 1 timed (the first is warm-up) and one breakdown round, for 2 Spark workers
    List<TokenizedExample> examples = synthetic(perRound * 2 * (rounds + 2), model.seqLen(), vocab);

    // Single JVM: one "round" = averagingFrequency minibatches; the first is warm-up.
    LocalRounds local = new LocalRounds(examples, model.seqLen(), training.batchSizePerWorker(),
        training.averagingFrequency(), 1);
    quiet(() -> local.fitRound(net, 0, 0));
    long tokens = 0;
    long start = System.nanoTime();
    for (int r = 1; r <= rounds; r++) {
      int round = r;
      tokens += quiet(() -> local.fitRound(net, 0, round)).tokens();
    }
    double localSeconds = (System.nanoTime() - start) / 1e9;
    double localTps = tokens / localSeconds;
    double secondsPerBatch = localSeconds / (rounds * training.averagingFrequency());
    report(out, "single JVM", localTps, flopsPerToken, sgemm);

    // Spark local[2], with the approach SparkTraining uses unless BENCH_APPROACH says otherwise (Export, Direct).
    RDDTrainingApproach approach = RDDTrainingApproach.valueOf(
        System.getenv().getOrDefault("BENCH_APPROACH", SparkTraining.APPROACH.name()));
    out.println("Spark approach: " + approach);
    SparkConf sparkConf = SparkRounds.configure(new SparkConf().setMaster("local[2]").setAppName("bench")
        .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1"));
    try (JavaSparkContext sc = new JavaSparkContext(sparkConf)) {
      sc.setLogLevel("WARN");
      ComputationGraph sparkNet = quiet(() -> TransformerFactory.build(model, training, vocab));
      Files.createDirectories(work);
      try (SparkRounds spark = new SparkRounds(sc, sc.parallelize(examples, 2), model.seqLen(), training, 2,
          work.resolve("scratch"), approach)) {
        quiet(() -> spark.fitRound(sparkNet, 0, 0));
        long sparkTokens = 0;
        long sparkStart = System.nanoTime();
        int sparkRounds = Math.min(rounds, spark.roundsPerEpoch() - 1);
        for (int r = 1; r <= sparkRounds; r++) {
          int round = r;
          RoundResult result = quiet(() -> spark.fitRound(sparkNet, 0, round));
          sparkTokens += result.tokens();
        }
        double sparkSeconds = (System.nanoTime() - sparkStart) / 1e9;
        double sparkTps = sparkTokens / sparkSeconds;
        report(out, "Spark local[2]", sparkTps, flopsPerToken, sgemm);
        double roundSeconds = sparkSeconds / sparkRounds;
        double computeSeconds = training.averagingFrequency() * secondsPerBatch;
        out.printf(Locale.ROOT, "Spark round %.2f s; minibatch compute per worker (single-JVM rate) %.2f s;"
            + " share of the round not explained by single-JVM compute %.0f%% (averaging overhead plus the slowdown"
            + " of workers sharing the cores; split below)%n", roundSeconds, computeSeconds,
            100 * Math.max(0, 1 - computeSeconds / roundSeconds));
        if (sparkRounds + 1 < spark.roundsPerEpoch()) {
          // One more round with dl4j-spark's phase timings on (not counted above: collecting them costs time).
          // dl4j-spark timestamps stats with an NTP clock by default (no network here): the JVM's clock instead
          System.setProperty("org.deeplearning4j.spark.time.TimeSource",
              "org.deeplearning4j.spark.time.SystemClockTimeSource");
          spark.collectTrainingStats(true);
          long breakdownStart = System.nanoTime();
          quiet(() -> spark.fitRound(sparkNet, 0, sparkRounds + 1));
          double breakdownSeconds = (System.nanoTime() - breakdownStart) / 1e9;
          out.printf(Locale.ROOT, "breakdown round (dl4j-spark stats on) %.2f s:%n", breakdownSeconds);
          SparkTrainingStats stats = spark.trainingStats();
          printStats(out, stats, "  ");
          // The workers' partition functions (network set-up + minibatch fits) run in parallel; everything else in
          // the round (counts, export, broadcast, scheduling, result transfer, averaging) is averaging overhead.
          List<EventStats> workerTotals = stats.getValue("WorkerFlatMapTotalTimeMs");
          List<EventStats> fits = stats.getValue("ParameterAveragingWorkerFitTimesMs");
          if (workerTotals != null && fits != null && !fits.isEmpty()) {
            double workerSeconds = workerTotals.stream().mapToLong(EventStats::getDurationMs).max().orElse(0) / 1e3;
            double fitSeconds = fits.stream().mapToLong(EventStats::getDurationMs).average().orElse(0) / 1e3;
            out.printf(Locale.ROOT, "averaging overhead: %.2f s of the %.2f s round outside the workers' minibatch"
                + " loops = %.0f%%; a worker's minibatch %.2f s vs %.2f s single-JVM (x%.2f)%n",
                breakdownSeconds - workerSeconds, breakdownSeconds,
                100 * (breakdownSeconds - workerSeconds) / breakdownSeconds, fitSeconds, secondsPerBatch,
                fitSeconds / secondsPerBatch);
            // Each round every worker builds a fresh network from the broadcast: its first minibatch also pays for
            // SameDiff's gradient graphs and DL4J's workspace sizing.
            java.util.Map<Long, List<Long>> byThread = new java.util.TreeMap<>();
            fits.forEach(f -> byThread.computeIfAbsent(f.getThreadID(), k -> new ArrayList<>()).add(f.getDurationMs()));
            double first = byThread.values().stream().mapToLong(l -> l.get(0)).average().orElse(0) / 1e3;
            double rest = byThread.values().stream().flatMap(l -> l.subList(1, l.size()).stream())
                .mapToLong(Long::longValue).average().orElse(0) / 1e3;
            out.printf(Locale.ROOT, "a worker's first minibatch of the round %.2f s, the others %.2f s%n", first, rest);
          }
        }
      }
    }
  }

  /** Per dl4j-spark phase: events, mean/min/max and total ms (workers' phases summed over both workers). */
  private static void printStats(PrintStream out, SparkTrainingStats stats, String indent) {
    if (stats == null) {
      return;
    }
    for (String key : new java.util.TreeSet<>(stats.getKeySet())) {
      List<EventStats> events = stats.getValue(key);
      if (events == null || events.isEmpty()) {
        continue;
      }
      long total = events.stream().mapToLong(EventStats::getDurationMs).sum();
      long max = events.stream().mapToLong(EventStats::getDurationMs).max().orElse(0);
      long min = events.stream().mapToLong(EventStats::getDurationMs).min().orElse(0);
      out.printf(Locale.ROOT, "%s%-56s %4d x %7.0f ms (min %6d, max %6d) = %7d ms%n", indent, key, events.size(),
          total / (double) events.size(), min, max, total);
    }
  }

  private static void report(PrintStream out, String what, double tokensPerSecond, double flopsPerToken,
      double sgemmGflops) {
    double gflops = tokensPerSecond * flopsPerToken / 1e9;
    out.printf(Locale.ROOT, "%s: %.0f tokens/s, %.1f GFLOP/s = %.0f%% of sgemm%n", what, tokensPerSecond, gflops,
        100 * gflops / sgemmGflops);
  }

  static double sgemmGflops(int n, int reps) {
    INDArray a = Nd4j.rand(DataType.FLOAT, n, n);
    INDArray b = Nd4j.rand(DataType.FLOAT, n, n);
    INDArray c = Nd4j.zeros(DataType.FLOAT, n, n);
    Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
    long start = System.nanoTime();
    for (int i = 0; i < reps; i++) {
      Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    return 2.0 * n * n * n * reps / seconds / 1e9;
  }

  /** Full-length random sequences: every position is real, the loss covers the second half. */
  static List<TokenizedExample> synthetic(int count, int seqLen, int vocab) {
    Random random = new Random(17);
    List<TokenizedExample> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int[] tokens = new int[seqLen + 1];
      for (int t = 0; t < tokens.length; t++) {
        tokens[t] = random.nextInt(256);
      }
      out.add(new TokenizedExample("bench-" + i, tokens, seqLen / 2));
    }
    return out;
  }

  interface Body<T> {
    T run() throws Exception;
  }

  /** SameDiff prints one line per differentiated op to System.out; the benchmark's own lines stay readable. */
  static <T> T quiet(Body<T> body) throws Exception {
    PrintStream original = System.out;
    System.setOut(new PrintStream(OutputStream.nullOutputStream()));
    try {
      return body.run();
    } finally {
      System.setOut(original);
    }
  }
}
