package org.treasuremarkers.model.config;

import java.io.Serializable;

/**
 * {@code model.tokenizer} of {@code conf/train.json}: "bytes" (the default) or "bpe" with its vocabulary size and
 * how many training rows its vocabulary is learnt from.
 */
public record TokenizerConfig(String type, int vocabSize, int sampleRows) implements Serializable {
  public static final String BYTES = "bytes";
  public static final String BPE = "bpe";
  public static final int DEFAULT_VOCAB_SIZE = 8192;
  public static final int DEFAULT_SAMPLE_ROWS = 20_000;
  public static final TokenizerConfig DEFAULT = new TokenizerConfig(BYTES, 0, 0);

  public boolean isBpe() {
    return BPE.equals(type);
  }
}
