package org.treasuremarkers.model.generate;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.treasuremarkers.model.nn.CausalTransformerBlock;
import org.treasuremarkers.model.nn.TransformerFactory;

/**
 * The parameters of a {@link TransformerFactory} graph, read by layer name for inference outside the graph. The
 * matrices are the graph's own parameter views (no copy), except the transposed position table, so a
 * {@code TransformerWeights} taken after training sees the trained values.
 *
 * @param embedding [vocab, dModel]
 * @param positions [seqLen, dModel]: one row per position
 * @param outWeights [dModel, vocab]
 * @param outBias [1, vocab]
 */
public record TransformerWeights(INDArray embedding, INDArray positions, List<Block> blocks, INDArray finalGain,
    INDArray finalBias, INDArray outWeights, INDArray outBias, int heads) {

  /** One {@link CausalTransformerBlock}'s parameters, named as it names them. */
  public record Block(INDArray ln1Gain, INDArray ln1Bias, INDArray wq, INDArray wk, INDArray wv, INDArray bq,
      INDArray bk, INDArray bv, INDArray wo, INDArray bo, INDArray ln2Gain, INDArray ln2Bias, INDArray w1,
      INDArray b1, INDArray w2, INDArray b2) {}

  public static TransformerWeights of(ComputationGraph net) {
    List<Block> blocks = new ArrayList<>();
    int heads = -1;
    for (int i = 0; net.getConfiguration().getVertices().containsKey("block" + i); i++) {
      Layer l = net.getLayer("block" + i);
      heads = ((CausalTransformerBlock) l.conf().getLayer()).getHeads();
      blocks.add(new Block(l.getParam("ln1Gain"), l.getParam("ln1Bias"), l.getParam("wq"), l.getParam("wk"),
          l.getParam("wv"), l.getParam("bq"), l.getParam("bk"), l.getParam("bv"), l.getParam("wo"),
          l.getParam("bo"), l.getParam("ln2Gain"), l.getParam("ln2Bias"), l.getParam("w1"), l.getParam("b1"),
          l.getParam("w2"), l.getParam("b2")));
    }
    if (blocks.isEmpty()) {
      throw new IllegalArgumentException("not a TransformerFactory graph: no layer block0");
    }
    Layer norm = net.getLayer("final_norm");
    Layer out = net.getLayer(TransformerFactory.OUTPUT);
    INDArray positions = net.getLayer("positions").getParam("positions").transpose().dup('c');
    return new TransformerWeights(net.getLayer("embedding").getParam("W"), positions, List.copyOf(blocks),
        norm.getParam("gain"), norm.getParam("bias"), out.getParam("W"), out.getParam("b"), heads);
  }

  public int dModel() {
    return (int) embedding.size(1);
  }

  public int vocabSize() {
    return (int) outWeights.size(1);
  }

  public int seqLen() {
    return (int) positions.size(0);
  }

  public DataType dataType() {
    return embedding.dataType();
  }
}
