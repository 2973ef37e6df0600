package org.treasuremarkers.model.nn;

import java.util.Map;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One pre-layer-norm decoder block: {@code x + Attn(LN1(x))}, then {@code + MLP(LN2(.))} with GELU. Attention is
 * multi-head with an additive [T, T] causal mask (0 on and below the diagonal, -1e9 above), so position t only
 * sees positions <= t. DL4J's own SelfAttentionLayer has no such mask.
 *
 * <p>Activations are [minibatch, dModel, T] (DL4J's NCW recurrent layout). Sequences are right-padded, so padding
 * only ever follows real tokens and the causal mask already keeps it out of every real position; the padding
 * mask is passed through for the loss.
 *
 * <p>Public no-argument constructor and getters/setters: DL4J serialises layer configurations with Jackson.
 */
public class CausalTransformerBlock extends DoubledGradientSafeLayer {
  private static final long serialVersionUID = 1L;

  private int dModel;
  private int heads;
  private int ffnSize;
  private int seqLen;
  private double initStd = 0.02;
  /** Init scale of the two projections that write into the residual stream (GPT-2: 0.02 / sqrt(2 * layers)). */
  private double residualInitStd = 0.02;

  public CausalTransformerBlock() {}

  public CausalTransformerBlock(int dModel, int heads, int ffnSize, int seqLen, double residualInitStd) {
    if (dModel % heads != 0) {
      throw new IllegalArgumentException("dModel " + dModel + " is not a multiple of heads " + heads);
    }
    this.dModel = dModel;
    this.heads = heads;
    this.ffnSize = ffnSize;
    this.seqLen = seqLen;
    this.residualInitStd = residualInitStd;
  }

  // Parameter names have no '_': DL4J keys graph parameters as "<layer>_<param>" and splits on the underscore.
  @Override
  public void defineParameters(SDLayerParams params) {
    params.addWeightParam("ln1Gain", 1, dModel);
    params.addBiasParam("ln1Bias", 1, dModel);
    params.addWeightParam("wq", dModel, dModel);
    params.addWeightParam("wk", dModel, dModel);
    params.addWeightParam("wv", dModel, dModel);
    params.addBiasParam("bq", 1, dModel);
    params.addBiasParam("bk", 1, dModel);
    params.addBiasParam("bv", 1, dModel);
    params.addWeightParam("wo", dModel, dModel);
    params.addBiasParam("bo", 1, dModel);
    params.addWeightParam("ln2Gain", 1, dModel);
    params.addBiasParam("ln2Bias", 1, dModel);
    params.addWeightParam("w1", dModel, ffnSize);
    params.addBiasParam("b1", 1, ffnSize);
    params.addWeightParam("w2", ffnSize, dModel);
    params.addBiasParam("b2", 1, dModel);
  }

  @Override
  public void initializeParameters(Map<String, INDArray> params) {
    for (Map.Entry<String, INDArray> e : params.entrySet()) {
      String name = e.getKey();
      INDArray p = e.getValue();
      if (name.endsWith("Gain")) {
        p.assign(1.0);
      } else if (name.startsWith("b") || name.endsWith("Bias")) {
        p.assign(0.0);
      } else {
        double std = name.equals("wo") || name.equals("w2") ? residualInitStd : initStd;
        Initialisation.normal(p, std);
      }
    }
  }

  @Override
  public SDVariable defineLayer(SameDiff sd, SDVariable input, Map<String, SDVariable> p, SDVariable mask) {
    int headSize = dModel / heads;
    // [mb, C, T] -> rows of [mb*T, C]
    SDVariable x = input.permute(0, 2, 1).reshape(-1, dModel);

    SDVariable h = LayerNorms.rows(sd, x, p.get("ln1Gain"), p.get("ln1Bias"));
    SDVariable q = splitHeads(h.mmul(p.get("wq")).add(p.get("bq")), headSize);
    SDVariable k = splitHeads(h.mmul(p.get("wk")).add(p.get("bk")), headSize);
    SDVariable v = splitHeads(h.mmul(p.get("wv")).add(p.get("bv")), headSize);

    // [mb, H, T, T] scores; the additive mask broadcasts over minibatch and heads.
    SDVariable scores = sd.mmul(q, k, false, true, false).mul(1.0 / Math.sqrt(headSize));
    scores = scores.add(sd.constant(CausalMask.additive(seqLen, scores.dataType())));
    SDVariable weights = sd.nn.softmax(scores, 3);
    SDVariable attended = sd.mmul(weights, v) // [mb, H, T, hs]
        .permute(0, 2, 1, 3).reshape(-1, dModel);
    SDVariable x1 = x.add(attended.mmul(p.get("wo")).add(p.get("bo")));

    SDVariable h2 = LayerNorms.rows(sd, x1, p.get("ln2Gain"), p.get("ln2Bias"));
    SDVariable mlp = sd.nn.gelu(h2.mmul(p.get("w1")).add(p.get("b1"))).mmul(p.get("w2")).add(p.get("b2"));
    SDVariable out = x1.add(mlp).reshape(-1, seqLen, dModel).permute(0, 2, 1);
    return output(sd, "blockOut", out);
  }

  private SDVariable splitHeads(SDVariable rows, int headSize) {
    // [mb*T, C] -> [mb, T, H, hs] -> [mb, H, T, hs]
    return rows.reshape(-1, seqLen, heads, headSize).permute(0, 2, 1, 3);
  }

  @Override
  public InputType getOutputType(int layerIndex, InputType inputType) {
    return InputType.recurrent(dModel, seqLen);
  }

  public int getDModel() {
    return dModel;
  }

  public void setDModel(int dModel) {
    this.dModel = dModel;
  }

  public int getHeads() {
    return heads;
  }

  public void setHeads(int heads) {
    this.heads = heads;
  }

  public int getFfnSize() {
    return ffnSize;
  }

  public void setFfnSize(int ffnSize) {
    this.ffnSize = ffnSize;
  }

  public int getSeqLen() {
    return seqLen;
  }

  public void setSeqLen(int seqLen) {
    this.seqLen = seqLen;
  }

  public double getInitStd() {
    return initStd;
  }

  public void setInitStd(double initStd) {
    this.initStd = initStd;
  }

  public double getResidualInitStd() {
    return residualInitStd;
  }

  public void setResidualInitStd(double residualInitStd) {
    this.residualInitStd = residualInitStd;
  }
}
