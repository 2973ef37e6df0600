package org.treasuremarkers.model.data;

import java.io.Serializable;
import java.util.Arrays;
import org.treasuremarkers.model.tokenizer.ByteTokenizer;
import org.treasuremarkers.model.tokenizer.Vocabulary;

/**
 * Turns (input_text, target_text) into BOS + input + target + EOS fitted into seqLen + 1 tokens (features are
 * tokens[0..T-1], labels tokens[1..T]).
 *
 * <p>When too long, both sides are cut where it hurts least: the input keeps its tail (where the prompt-side
 * template sits, with BOS in front), the target keeps its head (where the completion's template sits). The input
 * gets at least half the budget if it needs it, the target the rest; EOS is kept only if the whole target fits.
 */
public final class SequenceEncoder implements Serializable {
  private static final long serialVersionUID = 1L;

  private final ByteTokenizer tokenizer;
  private final int seqLen;

  public SequenceEncoder(ByteTokenizer tokenizer, int seqLen) {
    if (seqLen < 4) {
      throw new IllegalArgumentException("seqLen must be at least 4, found " + seqLen);
    }
    this.tokenizer = tokenizer;
    this.seqLen = seqLen;
  }

  public int seqLen() {
    return seqLen;
  }

  public ByteTokenizer tokenizer() {
    return tokenizer;
  }

  public TokenizedExample encode(String id, String inputText, String targetText) {
    int[] input = tokenizer.encode(inputText);
    int[] target = tokenizer.encode(targetText);
    int budget = seqLen + 1;
    int inputNeed = 1 + input.length; // BOS + input
    int targetNeed = target.length + 1; // target + EOS
    int inputKeep = Math.min(inputNeed, Math.max(budget / 2, budget - targetNeed));
    int targetKeep = Math.min(targetNeed, budget - inputKeep);

    int[] tokens = new int[inputKeep + targetKeep];
    tokens[0] = Vocabulary.BOS;
    System.arraycopy(input, input.length - (inputKeep - 1), tokens, 1, inputKeep - 1);
    int fromTarget = Math.min(target.length, targetKeep);
    System.arraycopy(target, 0, tokens, inputKeep, fromTarget);
    if (targetKeep > target.length) {
      tokens[tokens.length - 1] = Vocabulary.EOS;
    }
    return new TokenizedExample(id, tokens, inputKeep);
  }

  /** Tokens for generation: BOS + input, the tail kept if longer than the window. */
  public int[] prompt(String inputText) {
    int[] input = tokenizer.encode(inputText);
    int keep = Math.min(input.length, seqLen - 1);
    int[] tokens = new int[keep + 1];
    tokens[0] = Vocabulary.BOS;
    System.arraycopy(input, input.length - keep, tokens, 1, keep);
    return tokens;
  }

  @Override
  public String toString() {
    return "SequenceEncoder(T=" + seqLen + ", " + tokenizer.vocabulary() + ") " + Arrays.toString(new int[0]);
  }
}
