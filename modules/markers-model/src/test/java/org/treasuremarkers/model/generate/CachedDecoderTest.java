package org.treasuremarkers.model.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.treasuremarkers.model.config.ModelConfig;
import org.treasuremarkers.model.config.TrainingConfig;
import org.treasuremarkers.model.nn.QuietSameDiff;
import org.treasuremarkers.model.nn.TransformerFactory;

/**
 * The cached decoder against the training forward pass (the ComputationGraph's output) on random weights: log
 * probabilities of every next token agree within 1e-4 at every position of a batch of prompts of different lengths,
 * through the prefill and each cached step, and after the window slides.
 */
class CachedDecoderTest {
  private static final int VOCAB = 40;
  private static final int T = 16;
  private static final double TOLERANCE = 1e-4;
  private static ComputationGraph net;
  private static int[][] sequences;

  @BeforeAll
  static void randomModel() {
    ModelConfig model = new ModelConfig(16, 2, 4, 2, T, false, 99);
    TrainingConfig training = new TrainingConfig(1e-3, 1, 10, 0.1, 0.9, 0.999, 0, 2, 1, 1, 1, 0, 1);
    net = QuietSameDiff.run(() -> TransformerFactory.build(model, training, VOCAB));
    // Weights far from the small init (gains and biases too), so a wrong op would show.
    Nd4j.getRandom().setSeed(5);
    net.params().assign(Nd4j.randn(DataType.FLOAT, net.params().shape()).muli(0.3));
    Random random = new Random(8);
    sequences = new int[3][T + 6];
    for (int[] s : sequences) {
      Arrays.setAll(s, i -> random.nextInt(VOCAB));
    }
  }

  @Test
  void prefillAndCachedStepsGiveTheGraphsLogProbabilities() {
    int[] promptLengths = {3, 11, 7};
    int[][] prompts = new int[3][];
    for (int r = 0; r < 3; r++) {
      prompts[r] = Arrays.copyOf(sequences[r], promptLengths[r]);
    }
    INDArray full = net.outputSingle(false, window(sequences, 0, T));
    CachedDecoder decoder = CachedDecoder.of(net);
    DecodeSession session = new DecodeSession(decoder, prompts);
    int[] length = promptLengths.clone();
    boolean[] fresh = {true, true, true};
    int compared = 0;
    while (true) {
      int[] rows = new int[3];
      int[] tokens = new int[3];
      int n = 0;
      for (int r = 0; r < 3; r++) {
        if (fresh[r]) {
          assertClose(full, r, length[r] - 1, session.logits(r), "row " + r + " after " + length[r] + " tokens");
          compared++;
        }
        fresh[r] = length[r] < T;
        if (fresh[r]) {
          rows[n] = r;
          tokens[n++] = sequences[r][length[r]];
          length[r]++;
        }
      }
      if (n == 0) {
        break;
      }
      session.append(Arrays.copyOf(rows, n), Arrays.copyOf(tokens, n));
    }
    assertEquals((T - 3 + 1) + (T - 11 + 1) + (T - 7 + 1), compared, "positions compared");
  }

  @Test
  void afterTheWindowIsFullTheContextSlidesToThreeQuartersOfIt() {
    CachedDecoder decoder = CachedDecoder.of(net);
    DecodeSession session = new DecodeSession(decoder, new int[][] {Arrays.copyOf(sequences[0], T)});
    // At length T+1 the row is rebuilt from its last 12 tokens (3/4 of T); after that its cache grows again.
    int contextStart = T + 1 - (T - T / 4);
    for (int length = T + 1; length <= T + 4; length++) {
      session.append(new int[] {0}, new int[] {sequences[0][length - 1]});
      int contextLength = length - contextStart;
      INDArray graph = net.outputSingle(false, window(new int[][] {sequences[0]}, contextStart, contextLength));
      assertClose(graph, 0, contextLength - 1, session.logits(0), "after " + length + " tokens");
    }
    assertEquals(T + 4, session.tokens(0).length);
  }

  @Test
  void aRowsLogitsDoNotDependOnTheOtherRowsOfTheBatch() {
    CachedDecoder decoder = CachedDecoder.of(net);
    float[] alone = new DecodeSession(decoder, new int[][] {Arrays.copyOf(sequences[1], 5)}).logits(0);
    DecodeSession batch = new DecodeSession(decoder,
        new int[][] {Arrays.copyOf(sequences[0], 14), Arrays.copyOf(sequences[1], 5)});
    for (int i = 0; i < VOCAB; i++) {
      assertEquals(alone[i], batch.logits(1)[i], TOLERANCE, "logit " + i);
    }
  }

  /** [rows, T] features: tokens from..from+length-1 of each sequence, then padding (causal: it cannot matter). */
  private static INDArray window(int[][] seqs, int from, int length) {
    INDArray features = Nd4j.zeros(DataType.FLOAT, seqs.length, T);
    for (int r = 0; r < seqs.length; r++) {
      for (int t = 0; t < length; t++) {
        features.putScalar(r, t, seqs[r][from + t]);
      }
    }
    return features;
  }

  private static void assertClose(INDArray graphProbabilities, int row, int position, float[] logits, String what) {
    double[] p = Generator.probabilities(logits);
    double worst = 0;
    for (int v = 0; v < VOCAB; v++) {
      double expected = Math.log(graphProbabilities.getDouble(row, v, position));
      worst = Math.max(worst, Math.abs(expected - Math.log(p[v])));
    }
    assertTrue(worst < TOLERANCE, what + ": log probabilities differ by " + worst);
  }
}
