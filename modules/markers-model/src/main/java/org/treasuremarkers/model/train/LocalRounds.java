package org.treasuremarkers.model.train;

import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.dataset.DataSet;
import org.treasuremarkers.model.data.Batches;
import org.treasuremarkers.model.data.TokenizedExample;

/**
 * The single-JVM loop: a round is {@code averagingFrequency} minibatches of {@code batchSize}, as one Spark worker
 * would fit between averagings. The loss per token is exact: DL4J's score of a minibatch is its summed masked
 * cross-entropy divided by the minibatch size, so score x size / loss tokens, accumulated over the round.
 */
public final class LocalRounds implements RoundSource {
  private final List<TokenizedExample> examples;
  private final int seqLen;
  private final int batchSize;
  private final int batchesPerRound;
  private final long seed;
  private int epochCached = -1;
  private List<TokenizedExample> order;

  public LocalRounds(List<TokenizedExample> examples, int seqLen, int batchSize, int batchesPerRound, long seed) {
    if (examples.isEmpty()) {
      throw new IllegalArgumentException("no training examples (all held out, or the input is empty)");
    }
    this.examples = List.copyOf(examples);
    this.seqLen = seqLen;
    this.batchSize = batchSize;
    this.batchesPerRound = batchesPerRound;
    this.seed = seed;
  }

  @Override
  public long trainingExamples() {
    return examples.size();
  }

  @Override
  public int roundsPerEpoch() {
    int perRound = batchSize * batchesPerRound;
    return (examples.size() + perRound - 1) / perRound;
  }

  @Override
  public RoundResult fitRound(ComputationGraph net, int epoch, int round) {
    if (epoch != epochCached) {
      order = EpochOrder.sorted(examples, seed, epoch);
      epochCached = epoch;
    }
    int from = round * batchSize * batchesPerRound;
    int to = Math.min(order.size(), from + batchSize * batchesPerRound);
    long tokens = 0;
    long lossTokens = 0;
    double lossSum = 0;
    for (int start = from; start < to; start += batchSize) {
      List<TokenizedExample> batch = order.subList(start, Math.min(to, start + batchSize));
      DataSet data = Batches.of(batch, seqLen);
      net.fit(data);
      long batchLossTokens = Batches.lossTokens(data);
      lossSum += net.score() * batch.size();
      lossTokens += batchLossTokens;
      tokens += Math.round(data.getFeaturesMaskArray().sumNumber().doubleValue());
    }
    return new RoundResult(to - from, tokens, lossTokens, lossTokens == 0 ? Double.NaN : lossSum / lossTokens);
  }
}
