package org.treasuremarkers.model.tokenizer;

import java.io.Serializable;

/**
 * Text to token ids and back, as the model sees it. Every tokenizer keeps ids 0..255 for the bytes of UTF-8 text
 * and {@link Vocabulary#PAD}, {@link Vocabulary#BOS}, {@link Vocabulary#EOS} at 256..258, so batching and generation
 * do not depend on which one a model was trained with.
 */
public interface Tokenizer extends Serializable {
  /** Token ids of {@code text}, without BOS/EOS. {@code decode(encode(text))} equals {@code text} for valid text. */
  int[] encode(String text);

  /** Text of the ids; PAD/BOS/EOS and out-of-range ids are dropped, invalid UTF-8 becomes U+FFFD. */
  String decode(int[] ids);

  /** Number of ids (the model's input and output width). */
  int size();

  /** The id of a special token's text (a template tag, a marker value), or -1 when it is not one token. */
  int specialId(String text);

  /** A readable name for any id, for logs and tests. */
  String describe(int id);

  /** "bytes" or "bpe", as {@code model.tokenizer.type} in conf/train.json names it. */
  String type();
}
