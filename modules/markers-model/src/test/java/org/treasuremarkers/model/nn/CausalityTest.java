package org.treasuremarkers.model.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.treasuremarkers.model.config.ModelConfig;
import org.treasuremarkers.model.config.TrainingConfig;

/** Changing the token at position j changes no output before j, and does change outputs from j on. */
class CausalityTest {
  @Test
  void futureTokensDoNotLeakIntoEarlierOutputs() {
    int vocab = 40;
    int seqLen = 12;
    ModelConfig model = new ModelConfig(16, 2, 4, 2, seqLen, false, 99);
    TrainingConfig training = new TrainingConfig(1e-3, 1, 10, 0.1, 0.9, 0.999, 0, 2, 1, 1, 1, 0, 1);
    ComputationGraph net = QuietSameDiff.run(() -> TransformerFactory.build(model, training, vocab));
    // Random weights far from the small init, so any leak would show clearly.
    net.params().assign(Nd4j.randn(DataType.FLOAT, net.params().shape()).muli(0.3));

    Random random = new Random(3);
    INDArray tokens = Nd4j.zeros(DataType.FLOAT, 1, seqLen);
    for (int t = 0; t < seqLen; t++) {
      tokens.putScalar(0, t, random.nextInt(vocab));
    }
    INDArray before = net.outputSingle(tokens).dup();
    assertEquals(vocab, before.size(1));
    for (int changed : new int[] {1, 5, seqLen - 1}) {
      INDArray edited = tokens.dup();
      edited.putScalar(0, changed, (tokens.getInt(0, changed) + 7) % vocab);
      INDArray after = net.outputSingle(edited);
      for (int t = 0; t < seqLen; t++) {
        INDArray a = before.get(NDArrayIndex.point(0), NDArrayIndex.all(), NDArrayIndex.point(t));
        INDArray b = after.get(NDArrayIndex.point(0), NDArrayIndex.all(), NDArrayIndex.point(t));
        double diff = a.sub(b).amaxNumber().doubleValue();
        if (t < changed) {
          assertTrue(diff < 1e-6, "position " + t + " changed by " + diff + " when token " + changed + " changed");
        } else {
          assertTrue(diff > 1e-4, "position " + t + " did not react to token " + changed + " (" + diff + ")");
        }
      }
    }
  }
}
