package org.treasuremarkers.model.nn;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The additive causal attention mask: 0 where key position <= query position, a large negative number above. */
final class CausalMask {
  /** exp(-1e9) underflows to exactly 0 in float and double; a true -inf would give NaN on fully masked rows. */
  static final double BLOCKED = -1e9;

  private CausalMask() {}

  static INDArray additive(int seqLen, DataType type) {
    INDArray mask = Nd4j.zeros(type, seqLen, seqLen);
    for (int query = 0; query < seqLen; query++) {
      for (int key = query + 1; key < seqLen; key++) {
        mask.putScalar(query, key, BLOCKED);
      }
    }
    return mask;
  }
}
