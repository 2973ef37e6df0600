package org.treasuremarkers.model.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Weight initialisation of the custom layers, drawn from ND4J's RNG that DL4J seeds from the network seed. */
final class Initialisation {
  private Initialisation() {}

  static void normal(INDArray param, double std) {
    param.assign(Nd4j.randn(param.dataType(), param.shape()).muli(std));
  }
}
