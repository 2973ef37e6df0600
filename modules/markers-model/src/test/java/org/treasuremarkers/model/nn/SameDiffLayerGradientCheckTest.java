package org.treasuremarkers.model.nn;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.function.Function;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.impl.LossSparseMCXENT;

/**
 * Double-precision finite-difference checks of every custom SameDiff layer, each placed between a trainable
 * embedding (so the gradient the layer passes down is checked too) and a softmax output. They prove the 2x
 * gradient workaround of {@link DoubledGradientSafeLayer}; one check shows the bug itself on this DL4J version.
 */
class SameDiffLayerGradientCheckTest {
  private static final int VOCAB = 11;
  private static final int D = 8;
  private static final int T = 4;
  private static final int MB = 2;

  @BeforeAll
  static void doublePrecision() {
    Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
  }

  @Test
  void learnedPositions() {
    assertTrue(check(d -> new LearnedPositions(d, T)));
  }

  @Test
  void sequenceLayerNorm() {
    assertTrue(check(d -> new SequenceLayerNorm(d, T)));
  }

  @Test
  void causalTransformerBlock() {
    assertTrue(check(d -> new CausalTransformerBlock(d, 2, 2 * d, T, 0.3)));
  }

  @Test
  void withoutTheWorkaroundDl4jM21DoublesTheGradient() {
    assertFalse(check(d -> {
      LearnedPositions layer = new LearnedPositions(d, T);
      layer.setHalveBackward(false);
      return layer;
    }), "the gradient check passed without the 2x workaround: DL4J fixed the bug, remove the workaround");
  }

  private static boolean check(Function<Integer, DoubledGradientSafeLayer> layer) {
    ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
        .seed(12345)
        .dataType(DataType.DOUBLE)
        .updater(new NoOp())
        .weightInit(WeightInit.NORMAL)
        .graphBuilder()
        .addInputs("tokens")
        .setInputTypes(InputType.recurrent(VOCAB, T))
        .addLayer("embedding", new EmbeddingSequenceLayer.Builder().nIn(VOCAB).nOut(D).inputLength(T).build(), "tokens")
        .addLayer("custom", layer.apply(D), "embedding")
        .addLayer("output", new RnnOutputLayer.Builder(new LossSparseMCXENT())
            .activation(Activation.SOFTMAX).nIn(D).nOut(VOCAB).dataFormat(RNNFormat.NCW).build(), "custom")
        .setOutputs("output")
        .build();
    ComputationGraph net = QuietSameDiff.run(() -> {
      ComputationGraph g = new ComputationGraph(conf);
      g.init();
      g.params().assign(Nd4j.randn(DataType.DOUBLE, g.params().shape()).muli(0.5));
      return g;
    });
    return runCheck(net, 3);
  }

  private static boolean runCheck(ComputationGraph net, int maxPerParam) {
    Random random = new Random(7);
    INDArray tokens = Nd4j.zeros(DataType.DOUBLE, MB, T);
    INDArray labels = Nd4j.zeros(DataType.DOUBLE, MB, 1, T);
    for (int b = 0; b < MB; b++) {
      for (int t = 0; t < T; t++) {
        tokens.putScalar(b, t, random.nextInt(VOCAB));
        labels.putScalar(new int[] {b, 0, t}, random.nextInt(VOCAB));
      }
    }
    // Loss on the later positions only, as for a completion after its prompt; the last step of row 1 is padding.
    INDArray labelMask = Nd4j.ones(DataType.DOUBLE, MB, T);
    labelMask.putScalar(0, 0, 0.0);
    labelMask.putScalar(1, 0, 0.0);
    labelMask.putScalar(1, T - 1, 0.0);
    INDArray inputMask = Nd4j.ones(DataType.DOUBLE, MB, T);
    inputMask.putScalar(1, T - 1, 0.0);
    return QuietSameDiff.run(() -> GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig()
        .net(net)
        .inputs(new INDArray[] {tokens})
        .labels(new INDArray[] {labels})
        .inputMask(new INDArray[] {inputMask})
        .labelMask(new INDArray[] {labelMask})
        .epsilon(1e-6)
        .maxRelError(1e-3)
        .minAbsoluteError(1e-8)
        .print(GradientCheckUtil.PrintMode.FAILURES_ONLY)
        .exitOnFirstError(false)
        // Every parameter array is checked, on a spread-out subset of its entries: a full check of a block
        // takes minutes (one SameDiff forward pass per perturbation).
        .subset(true)
        .maxPerParam(maxPerParam)));
  }
}
