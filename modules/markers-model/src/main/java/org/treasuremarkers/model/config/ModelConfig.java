package org.treasuremarkers.model.config;

import java.io.Serializable;

/**
 * Size of the transformer ({@code model} section of {@code conf/train.json}).
 *
 * @param dModel residual width
 * @param layers causal blocks
 * @param heads attention heads (divide dModel)
 * @param mlpRatio MLP hidden width over dModel
 * @param seqLen tokens per sequence
 * @param templateTagTokens whether template tags are single tokens
 * @param seed weight initialisation seed
 * @param tokenizer bytes or BPE
 */
public record ModelConfig(int dModel, int layers, int heads, int mlpRatio, int seqLen, boolean templateTagTokens,
    long seed, TokenizerConfig tokenizer) implements Serializable {
  /** A byte-tokenizer model. */
  public ModelConfig(int dModel, int layers, int heads, int mlpRatio, int seqLen, boolean templateTagTokens,
      long seed) {
    this(dModel, layers, heads, mlpRatio, seqLen, templateTagTokens, seed, TokenizerConfig.DEFAULT);
  }

  public ModelConfig {
    if (dModel % heads != 0) {
      throw new IllegalArgumentException("model.d_model (" + dModel + ") must be a multiple of model.heads ("
          + heads + ")");
    }
  }

  public int ffnSize() {
    return mlpRatio * dModel;
  }
}
