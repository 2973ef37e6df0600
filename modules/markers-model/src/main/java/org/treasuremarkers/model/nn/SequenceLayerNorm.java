package org.treasuremarkers.model.nn;

import java.util.Map;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The final layer norm of a pre-LN transformer, per time step over the features of [mb, dModel, T]. */
public class SequenceLayerNorm extends DoubledGradientSafeLayer {
  private static final long serialVersionUID = 1L;

  private int dModel;
  private int seqLen;

  public SequenceLayerNorm() {}

  public SequenceLayerNorm(int dModel, int seqLen) {
    this.dModel = dModel;
    this.seqLen = seqLen;
  }

  @Override
  public void defineParameters(SDLayerParams params) {
    params.addWeightParam("gain", 1, dModel);
    params.addBiasParam("bias", 1, dModel);
  }

  @Override
  public void initializeParameters(Map<String, INDArray> params) {
    params.get("gain").assign(1.0);
    params.get("bias").assign(0.0);
  }

  @Override
  public SDVariable defineLayer(SameDiff sd, SDVariable input, Map<String, SDVariable> p, SDVariable mask) {
    SDVariable rows = input.permute(0, 2, 1).reshape(-1, dModel);
    SDVariable normalised = LayerNorms.rows(sd, rows, p.get("gain"), p.get("bias"));
    return output(sd, "normalised",
        normalised.reshape(-1, seqLen, dModel).permute(0, 2, 1));
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
}
