package org.treasuremarkers.model.data;

import java.io.Serializable;

/**
 * One training sequence: {@code tokens} = BOS + input + target + EOS (possibly truncated), at most seqLen + 1
 * long, and {@code targetStart}, the index of the first target token. The loss covers tokens[targetStart..].
 *
 * <p>A class, not a record: Spark's Kryo serializer cannot build records.
 */
public final class TokenizedExample implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String id;
  private final int[] tokens;
  private final int targetStart;

  public TokenizedExample(String id, int[] tokens, int targetStart) {
    this.id = id;
    this.tokens = tokens;
    this.targetStart = targetStart;
  }

  public String id() {
    return id;
  }

  public int[] tokens() {
    return tokens;
  }

  public int targetStart() {
    return targetStart;
  }

  /** Number of positions whose next-token prediction is in the loss. */
  public int lossTokens() {
    return tokens.length - targetStart;
  }
}
