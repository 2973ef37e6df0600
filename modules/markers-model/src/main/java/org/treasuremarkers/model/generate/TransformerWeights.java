package org.treasuremarkers.model.generate;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.treasuremarkers.model.nn.CausalTransformerBlock;
import org.treasuremarkers.model.nn.TransformerFactory;

/**
 * A snapshot of a {@link TransformerFactory} graph's parameters, read by layer name, as row-major float arrays
 * ({@code [in][out]} for every projection, as the graph multiplies {@code x.mmul(W)}): what {@link CachedDecoder}
 * computes with. Taken at the start of a generation call, so it holds the weights as trained so far.
 *
 * @param embedding [vocab][dModel]
 * @param positions [seqLen][dModel]
 * @param outWeights [dModel][vocab]
 */
public record TransformerWeights(int vocabSize, int dModel, int seqLen, int heads, int ffnSize, float[] embedding,
    float[] positions, List<Block> blocks, float[] finalGain, float[] finalBias, float[] outWeights,
    float[] outBias) {

  /** One {@link CausalTransformerBlock}'s parameters, named as it names them. */
  public record Block(float[] ln1Gain, float[] ln1Bias, float[] wq, float[] wk, float[] wv, float[] bq, float[] bk,
      float[] bv, float[] wo, float[] bo, float[] ln2Gain, float[] ln2Bias, float[] w1, float[] b1, float[] w2,
      float[] b2) {}

  public static TransformerWeights of(ComputationGraph net) {
    List<Block> blocks = new ArrayList<>();
    CausalTransformerBlock shape = null;
    for (int i = 0; net.getConfiguration().getVertices().containsKey("block" + i); i++) {
      Layer l = net.getLayer("block" + i);
      shape = (CausalTransformerBlock) l.conf().getLayer();
      blocks.add(new Block(f(l, "ln1Gain"), f(l, "ln1Bias"), f(l, "wq"), f(l, "wk"), f(l, "wv"), f(l, "bq"),
          f(l, "bk"), f(l, "bv"), f(l, "wo"), f(l, "bo"), f(l, "ln2Gain"), f(l, "ln2Bias"), f(l, "w1"), f(l, "b1"),
          f(l, "w2"), f(l, "b2")));
    }
    if (shape == null) {
      throw new IllegalArgumentException("not a TransformerFactory graph: no layer block0");
    }
    Layer norm = net.getLayer("final_norm");
    Layer out = net.getLayer(TransformerFactory.OUTPUT);
    Layer embedding = net.getLayer("embedding");
    int vocab = (int) embedding.getParam("W").size(0);
    // The position table is [dModel, T] (added to [mb, dModel, T] activations): one row per position here.
    float[] positions = flat(net.getLayer("positions").getParam("positions").transpose());
    return new TransformerWeights(vocab, shape.getDModel(), shape.getSeqLen(), shape.getHeads(), shape.getFfnSize(),
        f(embedding, "W"), positions, List.copyOf(blocks), f(norm, "gain"), f(norm, "bias"), f(out, "W"),
        f(out, "b"));
  }

  private static float[] f(Layer layer, String param) {
    return flat(layer.getParam(param));
  }

  private static float[] flat(INDArray a) {
    return Nd4j.toFlattened('c', a).toFloatVector();
  }
}
