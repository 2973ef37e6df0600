package org.treasuremarkers.model.data;

import java.io.Serializable;
import java.util.Arrays;
import org.treasuremarkers.core.template.Template;
import org.treasuremarkers.model.config.TrainConfig;
import org.treasuremarkers.model.tokenizer.ByteTokenizer;
import org.treasuremarkers.model.tokenizer.Tokenizer;
import org.treasuremarkers.model.tokenizer.Vocabulary;

/**
 * Turns (input_text, target_text) into BOS + input + target + EOS fitted into seqLen + 1 tokens (features are
 * tokens[0..T-1], labels tokens[1..T]).
 *
 * <p>When too long, the input keeps its tail (where the prompt-side template sits, with BOS in front) and the target
 * its head (the template the model must write, then the completion). Where the input has to be cut, the cut point is
 * drawn per example from a stable hash of (seed, id): anywhere from a quarter of the window up to the point that
 * still leaves room for the target's whole template and one more token. A fixed cut put the target at the same
 * position in nearly every example (most real prompts are longer than the window allows), and the model learned to
 * open its template at that position instead of after the prompt.
 */
public final class SequenceEncoder implements Serializable {
  private static final long serialVersionUID = 2L;

  /** Generation leaves at least this many positions for the template the model writes (this taxonomy's took 54-87). */
  static final int TEMPLATE_ROOM = 96;

  private final Tokenizer tokenizer;
  private final int seqLen;
  private final long seed;
  /** {@code </TEMPLATE>} as this tokenizer encodes it: one tag token, or its bytes. */
  private final int[] templateClose;

  public SequenceEncoder(Tokenizer tokenizer, int seqLen, long seed) {
    if (seqLen < 4) {
      throw new IllegalArgumentException("seqLen must be at least 4, found " + seqLen);
    }
    this.tokenizer = tokenizer;
    this.seqLen = seqLen;
    this.seed = seed;
    this.templateClose = tokenizer.encode(Template.CLOSE);
  }

  /** The encoder a model was trained with: its tokenizer, sequence length and training seed. */
  public static SequenceEncoder of(Tokenizer tokenizer, TrainConfig config) {
    return new SequenceEncoder(tokenizer, config.model().seqLen(), config.training().seed());
  }

  /** The same for a byte-tokenizer model (its vocabulary file). */
  public static SequenceEncoder of(Vocabulary vocabulary, TrainConfig config) {
    return of(new ByteTokenizer(vocabulary), config);
  }

  public int seqLen() {
    return seqLen;
  }

  public Tokenizer tokenizer() {
    return tokenizer;
  }

  public TokenizedExample encode(String id, String inputText, String targetText) {
    int[] input = tokenizer.encode(inputText);
    int[] target = tokenizer.encode(targetText);
    int budget = seqLen + 1;
    int inputNeed = 1 + input.length; // BOS + input
    int targetNeed = target.length + 1; // target + EOS
    int inputKeep = inputNeed;
    if (inputNeed + targetNeed > budget) {
      int headNeed = Math.min(targetNeed, templateTokens(target) + 1);
      int lowest = minInput();
      int highest = Math.max(lowest, budget - headNeed);
      int cut = lowest + (int) (StableHash.unit(seed, id) * (highest - lowest + 1));
      // A short target leaves the input all the room it does not use.
      inputKeep = Math.min(inputNeed, Math.max(budget - targetNeed, cut));
    }
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

  /**
   * Tokens for generation: BOS + the input's tail, at most half the window and at most what leaves
   * {@link #TEMPLATE_ROOM} positions free (but never less than the quarter training always keeps), so the model's
   * template fits in the window it was trained on.
   */
  public int[] prompt(String inputText) {
    int[] input = tokenizer.encode(inputText);
    int room = Math.max(minInput(), Math.min(seqLen / 2, seqLen - TEMPLATE_ROOM)) - 1;
    int keep = Math.min(input.length, room);
    int[] tokens = new int[keep + 1];
    tokens[0] = Vocabulary.BOS;
    System.arraycopy(input, input.length - keep, tokens, 1, keep);
    return tokens;
  }

  /** BOS + input tokens kept at least, when the input is cut. */
  private int minInput() {
    return Math.max(2, (seqLen + 1) / 4);
  }

  /** Tokens up to and including the target's {@code </TEMPLATE>}; 0 when it has none. */
  private int templateTokens(int[] target) {
    for (int start = 0; start + templateClose.length <= target.length; start++) {
      if (Arrays.equals(target, start, start + templateClose.length, templateClose, 0, templateClose.length)) {
        return start + templateClose.length;
      }
    }
    return 0;
  }

  @Override
  public String toString() {
    return "SequenceEncoder(T=" + seqLen + ", seed=" + seed + ", " + tokenizer + ")";
  }
}
