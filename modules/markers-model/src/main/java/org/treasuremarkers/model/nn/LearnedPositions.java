package org.treasuremarkers.model.nn;

import java.util.Map;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Adds a learned position embedding [dModel, T] to token embeddings [mb, dModel, T]. */
public class LearnedPositions extends DoubledGradientSafeLayer {
  private static final long serialVersionUID = 1L;

  private int dModel;
  private int seqLen;
  private double initStd = 0.02;

  public LearnedPositions() {}

  public LearnedPositions(int dModel, int seqLen) {
    this.dModel = dModel;
    this.seqLen = seqLen;
  }

  @Override
  public void defineParameters(SDLayerParams params) {
    params.addWeightParam("positions", dModel, seqLen);
  }

  @Override
  public void initializeParameters(Map<String, INDArray> params) {
    Initialisation.normal(params.get("positions"), initStd);
  }

  @Override
  public SDVariable defineLayer(SameDiff sd, SDVariable input, Map<String, SDVariable> p, SDVariable mask) {
    return output(sd, "positioned", input.add(p.get("positions")));
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
}
