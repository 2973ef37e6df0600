package org.treasuremarkers.model.train;

import java.nio.file.Path;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.spark.api.RDDTrainingApproach;
import org.deeplearning4j.spark.impl.paramavg.util.ExportSupport;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.nd4j.linalg.dataset.DataSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.treasuremarkers.model.config.TrainingConfig;
import org.treasuremarkers.model.data.Batches;
import org.treasuremarkers.model.data.TokenizedExample;
import org.treasuremarkers.model.train.executor.SetupTrainingMaster;
import scala.Tuple2;

/**
 * Spark parameter averaging (dl4j-spark {@link ParameterAveragingTrainingMaster}): each round hands exactly
 * {@code workers x batchSizePerWorker x averagingFrequency} examples of the epoch's order to
 * {@link SparkComputationGraph#fit}, which fits {@code averagingFrequency} minibatches per worker and averages
 * parameters and Adam state ({@code saveUpdater(true)}; it defaults to false in M2 and resets Adam every round).
 * One fit call per round gives per-round metrics and checkpoints.
 *
 * <p>The loss per token is approximate: the training master reports the mean over workers of the score of their
 * last minibatch (summed cross-entropy / minibatch size); it is divided by the mean number of loss tokens per
 * example of the round.
 *
 * <p>Workers pin the GPU Spark assigned to their task and filter SameDiff's stdout lines before they build their
 * network ({@link SetupTrainingMaster}).
 *
 * <p>Minibatches are exported (the Export approach) into {@code <output>/scratch}, deleted after every round;
 * dl4j-spark's default is {@code /tmp/hadoop-<user>/dl4j}, never cleaned. dl4j-spark refuses Export on a cluster
 * whose default file system is the local one (a standalone cluster without HDFS): {@link #approachFor} then picks
 * Direct, which ships the minibatches inside the Spark job.
 */
public final class SparkRounds implements RoundSource {
  private static final Logger LOG = LoggerFactory.getLogger(SparkRounds.class);

  private final JavaSparkContext sc;
  private final JavaRDD<TokenizedExample> examples;
  private final long count;
  private final int seqLen;
  private final TrainingConfig training;
  private final int workers;
  private final Path scratch;
  private final RDDTrainingApproach approach;
  private SparkComputationGraph sparkNet;
  private boolean collectStats;
  private int epochCached = -1;
  private JavaPairRDD<TokenizedExample, Long> indexed;
  private java.util.Map<Integer, long[]> roundCounts;

  /** Spark settings the training needs: Kryo with ND4J's registrator (INDArrays are not Java-serialisable fast). */
  public static SparkConf configure(SparkConf conf) {
    return conf.set("spark.serializer", "org.apache.spark.serializer.KryoSerializer")
        .set("spark.kryo.registrator", "org.nd4j.kryo.Nd4jRegistrator");
  }

  /** Export where dl4j-spark supports it (local master, or a non-local default file system), else Direct. */
  public static RDDTrainingApproach approachFor(JavaSparkContext sc) {
    return ExportSupport.exportSupported(sc) ? RDDTrainingApproach.Export : RDDTrainingApproach.Direct;
  }

  /**
   * @param examples tokenized training examples (held-out ones already removed); cached here
   * @param workers parallel workers (executor cores); the round size is a multiple of it
   */
  public SparkRounds(JavaSparkContext sc, JavaRDD<TokenizedExample> examples, int seqLen, TrainingConfig training,
      int workers, Path scratch, RDDTrainingApproach approach) {
    String serializer = sc.getConf().get("spark.serializer", "");
    if (!serializer.contains("Kryo")) {
      throw new IllegalStateException("Spark must use Kryo with org.nd4j.kryo.Nd4jRegistrator for training"
          + " (found spark.serializer='" + serializer + "'); build the session with SparkRounds.configure(conf)");
    }
    this.sc = sc;
    this.examples = examples.persist(StorageLevel.MEMORY_AND_DISK_SER());
    this.count = this.examples.count();
    if (count == 0) {
      throw new IllegalArgumentException("no training examples (all held out, or the input is empty)");
    }
    this.seqLen = seqLen;
    this.training = training;
    this.workers = workers;
    this.scratch = scratch;
    this.approach = approach;
  }

  public int workers() {
    return workers;
  }

  /**
   * Diagnostics (bench/train-throughput): dl4j-spark's own timing of the following rounds' phases (broadcast, worker
   * network build, fit, aggregation, export), read with {@link #trainingStats()}. Costs some time; off by default.
   */
  public void collectTrainingStats(boolean collect) {
    collectStats = collect;
    if (sparkNet != null) {
      sparkNet.setCollectTrainingStats(collect);
    }
  }

  /** dl4j-spark's phase timings since {@link #collectTrainingStats} was turned on, or null. */
  public org.deeplearning4j.spark.api.stats.SparkTrainingStats trainingStats() {
    return sparkNet == null ? null : sparkNet.getSparkTrainingStats();
  }

  private int examplesPerRound() {
    return workers * training.batchSizePerWorker() * training.averagingFrequency();
  }

  @Override
  public long trainingExamples() {
    return count;
  }

  @Override
  public int roundsPerEpoch() {
    return (int) ((count + examplesPerRound() - 1) / examplesPerRound());
  }

  @Override
  public RoundResult fitRound(ComputationGraph net, int epoch, int round) {
    if (sparkNet == null) {
      sparkNet = new SparkComputationGraph(sc, net, trainingMaster());
      sparkNet.setCollectTrainingStats(collectStats);
    }
    if (epoch != epochCached) {
      if (indexed != null) {
        indexed.unpersist(false);
      }
      long seed = training.seed();
      int e = epoch;
      indexed = examples.sortBy(x -> EpochOrder.key(seed, e, x.id()), true, examples.getNumPartitions())
          .zipWithIndex().persist(StorageLevel.MEMORY_AND_DISK_SER());
      // Counts for the metrics of every round of the epoch in one job, not one small job per round.
      long per = examplesPerRound();
      roundCounts = new java.util.HashMap<>(indexed
          .mapToPair(p -> new Tuple2<>((int) (p._2() / per), new long[] {1, p._1().tokens().length - 1L,
              p._1().lossTokens()}))
          .reduceByKey((a, b) -> new long[] {a[0] + b[0], a[1] + b[1], a[2] + b[2]})
          .collectAsMap());
      epochCached = epoch;
    }
    long from = (long) round * examplesPerRound();
    long to = Math.min(count, from + examplesPerRound());
    JavaRDD<TokenizedExample> chunk = indexed.filter(p -> p._2() >= from && p._2() < to).map(Tuple2::_1);
    long[] counts = roundCounts.get(round);
    if (counts == null) {
      throw new IllegalArgumentException("round " + round + " is past the end of epoch " + epoch + " ("
          + roundsPerEpoch() + " rounds)");
    }
    int t = seqLen;
    JavaRDD<DataSet> data = chunk.map(x -> Batches.of(List.of(x), t));
    try {
      sparkNet.fit(data);
    } finally {
      ModelDirectory.deleteRecursively(scratch);
    }
    ComputationGraph averaged = sparkNet.getNetwork();
    if (averaged != net) {
      // The caller owns `net`: carry the averaged parameters, Adam state and step count over.
      net.setParams(averaged.params());
      if (averaged.getUpdater() != null && averaged.getUpdater().getStateViewArray() != null) {
        net.getUpdater().getStateViewArray().assign(averaged.getUpdater().getStateViewArray());
      }
      net.getConfiguration().setIterationCount(averaged.getConfiguration().getIterationCount());
      sparkNet.setNetwork(net);
    }
    double lossPerToken = sparkNet.getScore() / (counts[2] / (double) counts[0]);
    return new RoundResult(counts[0], counts[1], counts[2], lossPerToken);
  }

  private ParameterAveragingTrainingMaster trainingMaster() {
    LOG.info("parameter averaging: {} workers x {} sequences x {} minibatches per round, {} approach", workers,
        training.batchSizePerWorker(), training.averagingFrequency(), approach);
    return new SetupTrainingMaster(new ParameterAveragingTrainingMaster.Builder(workers, 1)
        .batchSizePerWorker(training.batchSizePerWorker())
        .averagingFrequency(training.averagingFrequency())
        .workerPrefetchNumBatches(2)
        .saveUpdater(true)
        .rddTrainingApproach(approach)
        .exportDirectory(scratch.toUri().toString())
        .rngSeed(training.seed()));
  }

  @Override
  public void close() {
    if (indexed != null) {
      indexed.unpersist(false);
    }
    examples.unpersist(false);
    ModelDirectory.deleteRecursively(scratch);
  }
}
