package org.treasuremarkers.core.tagger;

/**
 * Turns a prompt into hashed sparse features for the linear tagger, the same way at training and at prediction
 * time. Multilingual without a tokenizer model: runs of letters and digits are words in spaced scripts; each Han,
 * Kana, Thai, Lao, Khmer or Myanmar character is a word of its own, so character bigrams carry their meaning.
 * Features are word unigrams, word bigrams, 5-character word prefixes (stems shared by "summarise", "summary")
 * and the first four words by position (instructions usually start with their verb). A few code symbols are
 * features too. Digits fold to 0. Only the first {@link #MAX_CHARS} characters are read: it bounds the cost,
 * and the instruction is almost always there.
 */
public final class TextFeatures {
  /** Characters of the text that are read. */
  public static final int MAX_CHARS = 2000;
  /** The version of this feature scheme; a model records the one it was trained with. */
  public static final int VERSION = 1;

  private static final int UNIGRAM = 0x9E3779B1;
  private static final int BIGRAM = 0x85EBCA77;
  private static final int PREFIX = 0xC2B2AE3D;
  private static final int POSITION = 0x27D4EB2F;
  private static final int SYMBOL = 0x165667B1;
  private static final int PREFIX_LENGTH = 5;
  private static final int POSITIONS = 4;
  private static final String SYMBOLS = "{}();=<>#:[]*/\\$|&`";

  private final int mask;

  /** @param buckets the hash space, a power of two */
  public TextFeatures(int buckets) {
    if (Integer.bitCount(buckets) != 1) {
      throw new IllegalArgumentException("buckets must be a power of two, got " + buckets);
    }
    this.mask = buckets - 1;
  }

  public int buckets() {
    return mask + 1;
  }

  /** Receives each feature's bucket; a feature may repeat. */
  public interface Sink {
    void accept(int bucket);
  }

  /** Emits the features of {@code text} (null is the empty text) into {@code sink}; returns how many. */
  public int extract(String text, Sink sink) {
    if (text == null) {
      return 0;
    }
    int end = Math.min(text.length(), MAX_CHARS);
    if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    int count = 0;
    int word = 0;          // hash of the word being read, 0 = none
    int prefix = 0;        // hash of its first PREFIX_LENGTH characters
    int wordLength = 0;
    int previous = 0;      // hash of the last completed word, 0 = none
    int position = 0;      // words completed so far
    for (int i = 0; i <= end; ) {
      int cp = i < end ? text.codePointAt(i) : ' ';
      i += i < end ? Character.charCount(cp) : 1;
      boolean letter = Character.isLetterOrDigit(cp);
      boolean single = letter && isSingleCharacterWord(cp);
      if (letter && !single) {
        int c = Character.isDigit(cp) ? '0' : Character.toLowerCase(cp);
        word = mix(word == 0 ? UNIGRAM : word, c);
        wordLength++;
        if (wordLength == PREFIX_LENGTH) {
          prefix = word;
        }
        continue;
      }
      if (word != 0) {
        count += emitWord(word, prefix, wordLength, previous, position, sink);
        previous = word;
        position++;
        word = 0;
        prefix = 0;
        wordLength = 0;
      }
      if (single) {
        int w = mix(UNIGRAM, Character.toLowerCase(cp));
        count += emitWord(w, 0, 1, previous, position, sink);
        previous = w;
        position++;
      } else if (cp < 128 && SYMBOLS.indexOf(cp) >= 0) {
        sink.accept(bucket(mix(SYMBOL, cp)));
        count++;
      }
    }
    return count;
  }

  private int emitWord(int word, int prefix, int length, int previous, int position, Sink sink) {
    int n = 1;
    sink.accept(bucket(word));
    if (previous != 0) {
      sink.accept(bucket(mix(mix(BIGRAM, previous), word)));
      n++;
    }
    if (prefix != 0 && length > PREFIX_LENGTH) {
      sink.accept(bucket(mix(PREFIX, prefix)));
      n++;
    }
    if (position < POSITIONS) {
      sink.accept(bucket(mix(mix(POSITION, position), word)));
      n++;
    }
    return n;
  }

  /** Scripts written without spaces between words. */
  private static boolean isSingleCharacterWord(int cp) {
    if (cp < 0x0E00) {
      return false;
    }
    Character.UnicodeScript script = Character.UnicodeScript.of(cp);
    return switch (script) {
      case HAN, HIRAGANA, KATAKANA, THAI, LAO, KHMER, MYANMAR -> true;
      default -> false;
    };
  }

  private int bucket(int hash) {
    return fmix(hash) & mask;
  }

  private static int mix(int h, int value) {
    h ^= value;
    return h * 0x01000193;
  }

  /** MurmurHash3's finaliser: spreads FNV's low bits over the bucket index. */
  private static int fmix(int h) {
    h ^= h >>> 16;
    h *= 0x85EBCA6B;
    h ^= h >>> 13;
    h *= 0xC2B2AE35;
    h ^= h >>> 16;
    return h;
  }
}
