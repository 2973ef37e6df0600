package org.treasuremarkers.spark.dropout;

import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.util.Identifiable;

/**
 * A share in [0, 1]. The check throws instead of returning false so that the message names the param,
 * the value and the allowed range, however the value arrives (setter, ParamMap, loaded pipeline).
 */
public final class RateParam extends DoubleParam {
  private static final long serialVersionUID = 1L;

  public RateParam(Identifiable parent, String name, String doc) {
    super(parent, name, doc, value -> check(parent.uid(), name, (Double) value));
  }

  static boolean check(String owner, String name, double value) {
    if (!(value >= 0.0 && value <= 1.0)) {
      throw new IllegalArgumentException(
          owner + " parameter " + name + " must be a number in [0, 1]; got " + value);
    }
    return true;
  }
}
