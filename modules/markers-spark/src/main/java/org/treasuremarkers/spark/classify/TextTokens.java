package org.treasuremarkers.spark.classify;

/** How the classifier cuts text into tokens: whole words, but one token per character for scripts without spaces. */
final class TextTokens {
  /** Han, kana and Thai characters one by one; other letters/digits as words; punctuation (code) one by one. */
  static final String PATTERN =
      "[\\p{IsHan}\\p{IsHiragana}\\p{IsKatakana}\\p{IsThai}]|[\\p{L}\\p{M}\\p{N}_]+|[^\\s\\p{L}\\p{M}\\p{N}_]";

  private TextTokens() {}
}
