package org.treasuremarkers.model.data;

import java.io.Serializable;

/**
 * One training sequence: {@code tokens} = BOS + input + target + EOS (possibly truncated), at most seqLen + 1
 * long, and {@code targetStart}, the index of the first target token. The loss covers tokens[targetStart..].
 */
public record TokenizedExample(String id, int[] tokens, int targetStart) implements Serializable {
  /** Number of positions whose next-token prediction is in the loss. */
  public int lossTokens() {
    return tokens.length - targetStart;
  }
}
