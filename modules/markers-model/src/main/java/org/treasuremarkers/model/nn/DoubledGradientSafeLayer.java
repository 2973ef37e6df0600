package org.treasuremarkers.model.nn;

import org.deeplearning4j.nn.conf.layers.samediff.SameDiffLayer;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ops.impl.controlflow.compat.StopGradient;

/**
 * Base of this module's SameDiff layers. Works around a DL4J 1.0.0-M2.1 bug: a {@code SameDiffLayer} inside a
 * {@code ComputationGraph} returns twice the true gradient (for its parameters and for its input), as a
 * double-precision gradient check shows (see {@code shared/notes/stack-facts.md} and
 * {@code SameDiffLayerGradientCheckTest}). Adam hides a constant factor; SGD, gradient clipping and weight decay do
 * not, and the error compounds into the layers below.
 *
 * <p>The fix emits {@code 0.5*y + stop_gradient(0.5*y)}: the forward value is exactly {@code y}, only one half
 * carries a gradient, and DL4J's doubling then yields the true gradient. If a DL4J upgrade fixes the bug, the
 * gradient-check tests fail (they would see half the gradient): then remove the fix.
 */
public abstract class DoubledGradientSafeLayer extends SameDiffLayer {
  private static final long serialVersionUID = 1L;

  /** True in every real model; false only to demonstrate the bug in a test. */
  private boolean halveBackward = true;

  protected SDVariable output(SameDiff sd, String name, SDVariable y) {
    if (!halveBackward) {
      return y.add(name, 0.0);
    }
    SDVariable half = y.mul(0.5);
    SDVariable frozen = new StopGradient(sd, half).outputVariable();
    return half.add(name, frozen);
  }

  public boolean isHalveBackward() {
    return halveBackward;
  }

  public void setHalveBackward(boolean halveBackward) {
    this.halveBackward = halveBackward;
  }
}
