package org.treasuremarkers.model.nn;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/** Layer normalisation over the feature axis of [rows, C] activations, written out from basic ops. */
final class LayerNorms {
  static final double EPSILON = 1e-5;

  private LayerNorms() {}

  static SDVariable rows(SameDiff sd, SDVariable x, SDVariable gain, SDVariable bias) {
    SDVariable centred = x.sub(x.mean(true, 1));
    SDVariable variance = centred.mul(centred).mean(true, 1);
    SDVariable normalised = centred.div(sd.math.sqrt(variance.add(EPSILON)));
    return normalised.mul(gain).add(bias);
  }
}
